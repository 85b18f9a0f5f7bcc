// Errors the facade maps by `code`: load_failed, backend_missing, not_found, bad_format, unsupported, disposed,
// aborted, bad_input, failed.
#pragma once

#include <napi.h>

#include <string>

namespace sotto {

inline Napi::Error coded_error(Napi::Env env, const std::string & code, const std::string & message) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

// A failure decided on a worker thread, turned into a coded JS error on the JS thread.
struct Failure {
  std::string code;
  std::string message;
  bool empty() const { return code.empty(); }
};

}  // namespace sotto
