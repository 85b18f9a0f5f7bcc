// whisper.cpp and ggml log through one process-wide callback. Errors are collected per thread, so that a load or a
// transcription reports its own errors, never those of a concurrent one (a global buffer swapped texts).
#pragma once

#include <string>

namespace sotto {

// Installs the callback (once, at module init). SOTTO_WHISPER_LOG=1 also echoes everything to stderr.
void install_log_callback();

// While alive, collects the ERROR lines whisper/ggml log on this thread (the worker thread of one load or one call).
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture &) = delete;
  ErrorCapture & operator=(const ErrorCapture &) = delete;

  // The collected text, trailing whitespace removed.
  std::string text() const;

 private:
  std::string text_;
  std::string * previous_;
};

}  // namespace sotto
