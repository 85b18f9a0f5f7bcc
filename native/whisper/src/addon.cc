// Sotto's whisper.cpp binding (Node-API via node-addon-api).
//
// Exports:
//   loadModel(path: string, useGpu: boolean, backendDir: string): Promise<Model>
//   langId(code: string): number          (-1 when whisper does not know the language)
//   systemInfo(): string
//   version(): string
// Model (one per loaded file; per Node environment, so worker threads work too):
//   transcribe(pcm: Float32Array, opts: object, jobId: number, onSegment?: fn): Promise<RawResult>
//   cancel(jobId: number): void           (sets the job's abort flag; the promise then rejects with code 'aborted')
//   dispose(): Promise<void>              (cancels running work, waits for it, frees the context)
//
// Errors reject with an Error whose `code` is one of: load_failed, backend_missing, not_found, bad_format, unsupported,
// disposed, aborted, bad_input, failed. Everything is checked here before whisper.cpp sees it; the TS facade
// (../index.ts) checks model files in full first and turns codes into typed errors.

#include "coded_error.h"
#include "load_worker.h"
#include "log_capture.h"
#include "model.h"
#include "model_core.h"
#include "whisper.h"

#include <napi.h>

namespace {

using sotto::coded_error;

Napi::Value LoadModel(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw coded_error(env, "bad_input", "loadModel(path: string, useGpu: boolean, backendDir: string)");
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const bool use_gpu = info.Length() > 1 && info[1].IsBoolean() && info[1].As<Napi::Boolean>().Value();
  const std::string backend_dir = info.Length() > 2 && info[2].IsString() ? info[2].As<Napi::String>().Utf8Value() : "";
  auto * worker = new sotto::LoadWorker(env, path, use_gpu, backend_dir);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value LangId(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, whisper_lang_id(info[0].As<Napi::String>().Utf8Value().c_str()));
}

Napi::Value SystemInfo(const Napi::CallbackInfo & info) { return Napi::String::New(info.Env(), whisper_print_system_info()); }

Napi::Value Version(const Napi::CallbackInfo & info) { return Napi::String::New(info.Env(), whisper_version()); }

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  sotto::install_log_callback();
  auto * data = new sotto::AddonData();
  Napi::Function model_class = sotto::Model::Init(env);
  data->model_constructor = Napi::Persistent(model_class);
  env.SetInstanceData<sotto::AddonData>(data);  // deleted by Node at this environment's teardown
  exports.Set("Model", model_class);
  exports.Set("loadModel", Napi::Function::New(env, LoadModel, "loadModel"));
  exports.Set("langId", Napi::Function::New(env, LangId, "langId"));
  exports.Set("systemInfo", Napi::Function::New(env, SystemInfo, "systemInfo"));
  exports.Set("version", Napi::Function::New(env, Version, "version"));
  // Environment teardown with work still running (worker_threads exit, Electron quitting): stop it and free contexts.
  // process.exit() in the main thread joins the thread pool *before* cleanup hooks run; the TS facade covers that
  // case by cancelling in-flight jobs from process.on('exit').
  std::shared_ptr<sotto::Registry> registry = data->registry;
  env.AddCleanupHook([registry]() { registry->teardown(); });
  return exports;
}

}  // namespace

NODE_API_MODULE(sotto_whisper, Init)
