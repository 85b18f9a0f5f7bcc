#include "load_worker.h"

#include "backends.h"
#include "log_capture.h"
#include "model.h"
#include "model_file.h"
#include "whisper.h"

namespace sotto {

LoadWorker::LoadWorker(Napi::Env env, std::string path, bool use_gpu, std::string backend_dir)
    : Napi::AsyncWorker(env, "sotto.whisper.load"), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)),
      use_gpu_(use_gpu), backend_dir_(std::move(backend_dir)) {}

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
  ModelFile file;
  if (!file.open(path_, failure_)) return;
  whisper_context_params cparams = whisper_context_default_params();
  cparams.use_gpu = use_gpu_;
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
    failure_ = {"load_failed", message.empty() ? "whisper.cpp could not load the model" : message};
  }
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
  deferred_.Resolve(Model::Wrap(env, ctx_));
  ctx_ = nullptr;
}

}  // namespace sotto
