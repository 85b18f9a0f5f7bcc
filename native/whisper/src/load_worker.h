// Loading a model off the JS thread (reading 150 MB takes a while): backends checked, file opened and checked, then
// whisper_init over that open file. Resolves with a Model object.
#pragma once

#include "coded_error.h"

#include <napi.h>

#include <string>

struct whisper_context;

namespace sotto {

class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, bool use_gpu, std::string backend_dir);
  ~LoadWorker() override;

  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error & e) override;

 private:
  void Resolve();

  Napi::Promise::Deferred deferred_;
  std::string path_;
  bool use_gpu_;
  std::string backend_dir_;
  whisper_context * ctx_ = nullptr;
  Failure failure_;
};

}  // namespace sotto
