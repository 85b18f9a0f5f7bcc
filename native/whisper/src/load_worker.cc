#include "load_worker.h"

#include "backends.h"
#include "log_capture.h"
#include "model.h"
#include "model_file.h"
#include "whisper.h"

namespace sotto {

LoadWorker::LoadWorker(Napi::Env env, std::string path, int gpu_device, std::string backend_dir, bool flash_attn)
    : Napi::AsyncWorker(env, "sotto.whisper.load"), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)),
      gpu_device_(gpu_device), flash_attn_(flash_attn), backend_dir_(std::move(backend_dir)) {}

LoadWorker::~LoadWorker() {
  if (ctx_ != nullptr) whisper_free(ctx_);
}

void LoadWorker::Execute() {
  ErrorCapture errors;
  const std::string no_cpu = ensure_cpu_backend(backend_dir_);
  if (!no_cpu.empty()) {
    failure_ = {"backend_missing", no_cpu};
    return;
  }
  if (!check_gpu_before()) return;
  ModelFile file;
  if (!file.open(path_, failure_)) return;
  whisper_context_params cparams = whisper_context_default_params();
  cparams.use_gpu = gpu_device_ >= 0;
  cparams.gpu_device = gpu_device_ >= 0 ? gpu_device_ : 0;
  cparams.flash_attn = flash_attn_;
  whisper_model_loader loader = file.release_loader();
  try {
    ctx_ = whisper_init_with_params(&loader, cparams);
  } catch (const std::exception & e) {
    ctx_ = nullptr;
    failure_ = {"load_failed", e.what()};
  }
  if (ctx_ == nullptr) {
    const std::string details = errors.text();
    const std::string message = failure_.message.empty() ? details : details + (details.empty() ? "" : "; ") + failure_.message;
    // On a GPU, a failed load is most often the device (out of memory, a driver refusing a buffer): a CPU load may work.
    failure_ = {gpu_device_ >= 0 ? "gpu_failed" : "load_failed", message.empty() ? "whisper.cpp could not load the model" : message};
    return;
  }
  check_gpu_after(errors.text());
}

// whisper.cpp quietly runs on the CPU when the GPU it was given does not exist: a GPU load must be on that GPU or fail.
bool LoadWorker::check_gpu_before() {
  if (gpu_device_ < 0) return true;
  device_ = gpu_device_name(gpu_device_);
  if (!device_.empty()) return true;
  failure_ = {"gpu_missing", "no GPU number " + std::to_string(gpu_device_) + " is available to whisper (is the GPU backend loaded?)"};
  return false;
}

// ... and when the device fails to initialise, it logs an error and goes on without it.
void LoadWorker::check_gpu_after(const std::string & errors) {
  if (gpu_device_ < 0 || errors.find("failed to initialize") == std::string::npos) return;
  whisper_free(ctx_);
  ctx_ = nullptr;
  failure_ = {"gpu_failed", device_ + " could not be initialised: " + errors};
}

void LoadWorker::OnOK() {
  try {
    Resolve();
  } catch (...) {
    // The environment is shutting down (worker terminated): nobody waits for this promise any more.
  }
}

void LoadWorker::OnError(const Napi::Error & e) {
  try {
    deferred_.Reject(e.Value());
  } catch (...) {
  }
}

void LoadWorker::Resolve() {
  Napi::Env env = Env();
  if (!failure_.empty()) {
    deferred_.Reject(coded_error(env, failure_.code, failure_.message).Value());
    return;
  }
  Napi::Object model = Model::Wrap(env, ctx_);
  ctx_ = nullptr;
  model.Set("device", Napi::String::New(env, device_));
  deferred_.Resolve(model);
}

}  // namespace sotto
