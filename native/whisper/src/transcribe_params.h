// The options of one transcribe call, read from JS and checked before whisper.cpp sees them.
#pragma once

#include <napi.h>

#include <cstddef>
#include <string>

namespace sotto {

// 10 minutes of 16 kHz audio per call (the facade checks the same): whisper_full takes an int sample count, and the
// engine's utterances are cut at 25 s.
constexpr size_t kMaxSamplesPerCall = 16000 * 600;

struct TranscribeParams {
  std::string language = "auto";
  bool translate = false;
  int threads = 2;
  int audio_ctx = 0;
  int max_tokens = 0;  // total cap over the whole call (0 = whisper's own limits)
  std::string initial_prompt;
  bool single_segment = false;
  bool temperature_fallback = true;
  // Benchmarks and tests: end-of-text and timestamps are suppressed until max_tokens, so every call decodes exactly
  // max_tokens text tokens (random-weight models would otherwise end at once).
  bool exact_tokens = false;
};

// Reads `o` into `p`; returns "" or what is wrong (a bad_input message).
std::string read_transcribe_params(const Napi::Object & o, int n_audio_ctx, TranscribeParams & p);

}  // namespace sotto
