#include "log_capture.h"

#include "ggml.h"
#include "whisper.h"

#include <cstdio>
#include <cstdlib>

namespace sotto {
namespace {

thread_local std::string * t_sink = nullptr;
thread_local bool t_in_error = false;  // continuation lines (GGML_LOG_LEVEL_CONT) belong to the line before
const bool g_verbose = std::getenv("SOTTO_WHISPER_LOG") != nullptr;
constexpr size_t kMaxCaptured = 4096;

void log_callback(ggml_log_level level, const char * text, void * /*user*/) {
  if (level != GGML_LOG_LEVEL_CONT) t_in_error = level == GGML_LOG_LEVEL_ERROR;
  if (t_in_error && t_sink != nullptr && t_sink->size() < kMaxCaptured) *t_sink += text;
  if (g_verbose) std::fputs(text, stderr);
}

}  // namespace

void install_log_callback() { whisper_log_set(log_callback, nullptr); }

ErrorCapture::ErrorCapture() : previous_(t_sink) { t_sink = &text_; }

ErrorCapture::~ErrorCapture() { t_sink = previous_; }

std::string ErrorCapture::text() const {
  std::string out = text_;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace sotto
