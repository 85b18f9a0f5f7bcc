#include "model.h"

#include "coded_error.h"
#include "transcribe_worker.h"

#include <string>
#include <vector>

namespace sotto {
namespace {

const char * kTranscribeUsage = "transcribe(pcm: Float32Array, opts: object, jobId: uint32, onSegment?: function)";

bool is_job_id(const Napi::Value & v) {
  if (!v.IsNumber()) return false;
  const double d = v.As<Napi::Number>().DoubleValue();
  return d >= 0 && d <= 4294967295.0 && d == static_cast<double>(static_cast<uint32_t>(d));
}

class DisposeWorker : public Napi::AsyncWorker {
 public:
  DisposeWorker(Napi::Env env, std::shared_ptr<ModelCore> core)
      : Napi::AsyncWorker(env, "sotto.whisper.dispose"), deferred_(Napi::Promise::Deferred::New(env)), core_(std::move(core)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override { core_->free_context(); }
  void OnOK() override {
    try {
      deferred_.Resolve(Env().Undefined());
    } catch (...) {
    }
  }
  void OnError(const Napi::Error & e) override {
    try {
      deferred_.Reject(e.Value());
    } catch (...) {
    }
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<ModelCore> core_;
};

}  // namespace

Napi::Function Model::Init(Napi::Env env) {
  return DefineClass(env, "WhisperNativeModel", {
    InstanceMethod("transcribe", &Model::Transcribe),
    InstanceMethod("cancel", &Model::Cancel),
    InstanceMethod("dispose", &Model::Dispose),
  });
}

Napi::Object Model::Wrap(Napi::Env env, whisper_context * ctx) {
  auto core = std::make_shared<ModelCore>();
  core->ctx = ctx;
  core->n_audio_ctx = whisper_model_n_audio_ctx(ctx);
  // The constructor copies the shared_ptr out of the External synchronously; holder only has to outlive New().
  auto holder = std::make_unique<std::shared_ptr<ModelCore>>(core);
  auto ext = Napi::External<std::shared_ptr<ModelCore>>::New(env, holder.get());
  return env.GetInstanceData<AddonData>()->model_constructor.New({ext});
}

Model::Model(const Napi::CallbackInfo & info) : Napi::ObjectWrap<Model>(info) {
  AddonData * data = info.Env().GetInstanceData<AddonData>();
  if (info.Length() < 1 || !info[0].IsExternal() || data == nullptr) {
    throw Napi::TypeError::New(info.Env(), "WhisperNativeModel is created by loadModel()");
  }
  core_ = *info[0].As<Napi::External<std::shared_ptr<ModelCore>>>().Data();
  registry_ = data->registry;
  registry_->add(core_);
}

Model::~Model() {
  // Garbage-collected without dispose(): stop any work and let the last shared_ptr free the context.
  if (core_) {
    core_->disposed.store(true);
    core_->cancel_all();
    registry_->remove(core_);
  }
}

Napi::Value Model::Transcribe(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
      !info[1].IsObject() || !is_job_id(info[2])) {
    throw coded_error(env, "bad_input", kTranscribeUsage);
  }
  if (core_->disposed.load()) throw coded_error(env, "disposed", "the model was disposed");
  Napi::Float32Array arr = info[0].As<Napi::Float32Array>();
  if (arr.ElementLength() == 0 || arr.ElementLength() > kMaxSamplesPerCall) {
    throw coded_error(env, "bad_input", "pcm must hold 1.." + std::to_string(kMaxSamplesPerCall) + " samples (10 minutes at 16 kHz)");
  }
  TranscribeParams p;
  const std::string problem = read_transcribe_params(info[1].As<Napi::Object>(), core_->n_audio_ctx, p);
  if (!problem.empty()) throw coded_error(env, "bad_input", problem);
  const uint32_t job_id = info[2].As<Napi::Number>().Uint32Value();
  AbortFlag flag = core_->add_job(job_id);
  if (!flag) throw coded_error(env, "bad_input", "job id " + std::to_string(job_id) + " is already in use on this model");
  // Copied: the caller may reuse or transfer its buffer while the worker runs.
  std::vector<float> pcm(arr.Data(), arr.Data() + arr.ElementLength());
  auto * worker = new TranscribeWorker(env, core_, std::move(pcm), std::move(p), job_id, flag);
  if (info.Length() > 3 && info[3].IsFunction()) worker->SetSegmentCallback(env, info[3].As<Napi::Function>());
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value Model::Cancel(const Napi::CallbackInfo & info) {
  if (info.Length() >= 1 && is_job_id(info[0])) core_->cancel(info[0].As<Napi::Number>().Uint32Value());
  return info.Env().Undefined();
}

Napi::Value Model::Dispose(const Napi::CallbackInfo & info) {
  core_->disposed.store(true);
  core_->cancel_all();
  registry_->remove(core_);
  // Freeing waits for a running whisper_full, so it happens off the JS thread.
  auto * worker = new DisposeWorker(info.Env(), core_);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace sotto
