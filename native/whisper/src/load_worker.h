// Loading a model off the JS thread (reading 150 MB takes a while): backends checked, file opened and checked, then
// whisper_init over that open file. Resolves with a Model object whose `device` names where it runs ("CPU" or the GPU).
#pragma once

#include "coded_error.h"

#include <napi.h>

#include <string>

struct whisper_context;

namespace sotto {

class LoadWorker : public Napi::AsyncWorker {
 public:
  // gpu_device: whisper's n-th GPU (see backends.h), or -1 for the CPU.
  LoadWorker(Napi::Env env, std::string path, int gpu_device, std::string backend_dir, bool flash_attn);
  ~LoadWorker() override;

  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error & e) override;

 private:
  void Resolve();
  bool check_gpu_before();
  void check_gpu_after(const std::string & errors);

  Napi::Promise::Deferred deferred_;
  std::string path_;
  int gpu_device_;
  bool flash_attn_;
  std::string device_ = "CPU";
  std::string backend_dir_;
  whisper_context * ctx_ = nullptr;
  Failure failure_;
};

}  // namespace sotto
