// Sotto's whisper.cpp binding (Node-API via node-addon-api).
//
// Exports:
//   loadModel(path: string, gpuDevice: number, backendDir: string, flashAttn: boolean): Promise<Model>
//                                         (gpuDevice: whisper's n-th GPU, -1 for the CPU; Model.device names it.
//                                         flashAttn: whisper's default; off for GPU drivers that crash on it)
//   loadGpuBackends(backendDir: string): {loaded: string[], failed: string[]}
//                                         (the modules in backendDir/gpu, once per process: see backends.h for why
//                                         only after a probe in a child process)
//   devices(backendDir: string): {name, description, type, memoryFree, memoryTotal, gpuIndex}[]
//   langId(code: string): number          (-1 when whisper does not know the language)
//   systemInfo(): string
//   version(): string
// Model (one per loaded file; per Node environment, so worker threads work too):
//   transcribe(pcm: Float32Array, opts: object, jobId: number, onSegment?: fn): Promise<RawResult>
//   cancel(jobId: number): void           (sets the job's abort flag; the promise then rejects with code 'aborted')
//   dispose(): Promise<void>              (cancels running work, waits for it, frees the context)
//
// Errors reject with an Error whose `code` is one of: load_failed, backend_missing, not_found, bad_format, unsupported,
// disposed, aborted, bad_input, failed, gpu_missing, gpu_failed. Everything is checked here before whisper.cpp sees it; the TS facade
// (../index.ts) checks model files in full first and turns codes into typed errors.

#include "backends.h"
#include "coded_error.h"
#include "load_worker.h"
#include "log_capture.h"
#include "model.h"
#include "model_core.h"
#include "whisper.h"

#include <napi.h>

namespace {

using sotto::coded_error;

std::string backend_dir_arg(const Napi::CallbackInfo & info, size_t i) {
  return info.Length() > i && info[i].IsString() ? info[i].As<Napi::String>().Utf8Value() : "";
}

Napi::Array strings(Napi::Env env, const std::vector<std::string> & list) {
  Napi::Array out = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); ++i) out.Set(static_cast<uint32_t>(i), list[i]);
  return out;
}

Napi::Value LoadModel(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber()) {
    throw coded_error(env, "bad_input", "loadModel(path: string, gpuDevice: number, backendDir: string, flashAttn: boolean)");
  }
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const double gpu = info[1].As<Napi::Number>().DoubleValue();
  if (!(gpu >= -1 && gpu < 64) || gpu != static_cast<double>(static_cast<int>(gpu))) {
    throw coded_error(env, "bad_input", "gpuDevice must be an integer from -1 (CPU) to 63");
  }
  const bool flash_attn = info.Length() < 4 || !info[3].IsBoolean() || info[3].As<Napi::Boolean>().Value();
  auto * worker = new sotto::LoadWorker(env, path, static_cast<int>(gpu), backend_dir_arg(info, 2), flash_attn);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value LoadGpuBackends(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  const std::string dir = backend_dir_arg(info, 0);
  const std::string no_cpu = sotto::ensure_cpu_backend(dir);  // CPU first: the GPU modules need ggml-base loaded
  if (!no_cpu.empty()) throw coded_error(env, "backend_missing", no_cpu);
  const sotto::GpuBackends & gpu = sotto::load_gpu_backends(dir);
  Napi::Object out = Napi::Object::New(env);
  out.Set("loaded", strings(env, gpu.loaded));
  out.Set("failed", strings(env, gpu.failed));
  return out;
}

Napi::Value Devices(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  const std::string no_cpu = sotto::ensure_cpu_backend(backend_dir_arg(info, 0));
  if (!no_cpu.empty()) throw coded_error(env, "backend_missing", no_cpu);
  const std::vector<sotto::DeviceInfo> devices = sotto::list_devices();
  Napi::Array out = Napi::Array::New(env, devices.size());
  for (size_t i = 0; i < devices.size(); ++i) {
    const sotto::DeviceInfo & d = devices[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", d.name);
    o.Set("description", d.description);
    o.Set("type", d.type);
    o.Set("memoryFree", Napi::Number::New(env, static_cast<double>(d.memory_free)));
    o.Set("memoryTotal", Napi::Number::New(env, static_cast<double>(d.memory_total)));
    o.Set("gpuIndex", Napi::Number::New(env, d.gpu_index));
    out.Set(static_cast<uint32_t>(i), o);
  }
  return out;
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
  exports.Set("loadGpuBackends", Napi::Function::New(env, LoadGpuBackends, "loadGpuBackends"));
  exports.Set("devices", Napi::Function::New(env, Devices, "devices"));
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
