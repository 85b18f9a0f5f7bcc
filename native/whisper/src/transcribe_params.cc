#include "transcribe_params.h"

#include "whisper.h"

#include <cmath>

namespace sotto {
namespace {

// An integer option in [lo, hi], or `fallback` when absent; "" or the problem.
std::string read_int(const Napi::Object & o, const char * key, int lo, int hi, int & out) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return "";
  const double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : NAN;
  if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi) {
    return std::string(key) + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi);
  }
  out = static_cast<int>(d);
  return "";
}

bool read_bool(const Napi::Object & o, const char * key, bool fallback) {
  Napi::Value v = o.Get(key);
  return v.IsBoolean() ? v.As<Napi::Boolean>().Value() : fallback;
}

std::string read_strings(const Napi::Object & o, TranscribeParams & p) {
  Napi::Value lang = o.Get("language");
  if (lang.IsString()) p.language = lang.As<Napi::String>().Utf8Value();
  if (p.language != "auto" && whisper_lang_id(p.language.c_str()) < 0) return "unknown language '" + p.language + "'";
  Napi::Value prompt = o.Get("initialPrompt");
  if (prompt.IsString()) p.initial_prompt = prompt.As<Napi::String>().Utf8Value();
  return "";
}

}  // namespace

std::string read_transcribe_params(const Napi::Object & o, int n_audio_ctx, TranscribeParams & p) {
  std::string problem = read_strings(o, p);
  if (problem.empty()) problem = read_int(o, "threads", 1, 256, p.threads);
  if (problem.empty()) problem = read_int(o, "audioCtx", 0, n_audio_ctx, p.audio_ctx);
  if (problem.empty()) problem = read_int(o, "maxTokens", 0, 100000, p.max_tokens);
  if (!problem.empty()) return problem;
  p.translate = read_bool(o, "translate", false);
  p.single_segment = read_bool(o, "singleSegment", false);
  p.temperature_fallback = read_bool(o, "temperatureFallback", true);
  p.exact_tokens = read_bool(o, "exactTokens", false);
  if (p.exact_tokens && p.max_tokens == 0) return "exactTokens needs maxTokens > 0";
  return "";
}

}  // namespace sotto
