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
// Errors reject with an Error whose `code` is one of: load_failed, disposed, aborted, bad_input, failed.
// The TS facade (../index.ts) validates files and options first and turns these into typed errors.

#include <napi.h>

#include "whisper.h"
#include "ggml-backend.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

// ---------- logging: whisper/ggml are chatty on stderr; keep their errors for our messages instead ----------

std::mutex g_log_mu;
std::string g_last_errors;  // ERROR-level lines since the last take_errors()
const bool g_verbose = std::getenv("SOTTO_WHISPER_LOG") != nullptr;

void log_callback(ggml_log_level level, const char * text, void * /*user*/) {
  if (level == GGML_LOG_LEVEL_ERROR) {
    std::lock_guard<std::mutex> lock(g_log_mu);
    if (g_last_errors.size() < 4096) g_last_errors += text;
  }
  if (g_verbose) std::fputs(text, stderr);
}

std::string take_errors() {
  std::lock_guard<std::mutex> lock(g_log_mu);
  std::string out;
  out.swap(g_last_errors);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

Napi::Error coded_error(Napi::Env env, const std::string & code, const std::string & message) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

// ---------- one loaded model: the context plus the lock that serializes every call on it ----------

struct ModelCore {
  std::mutex mu;                 // a whisper_context is not thread-safe: one whisper_full at a time
  whisper_context * ctx = nullptr;
  std::atomic<bool> disposed{false};

  std::mutex jobs_mu;
  std::unordered_map<uint32_t, std::shared_ptr<std::atomic<bool>>> jobs;  // jobId -> abort flag

  void cancel_all() {
    std::lock_guard<std::mutex> lock(jobs_mu);
    for (auto & j : jobs) j.second->store(true);
  }

  void free_context() {
    std::lock_guard<std::mutex> lock(mu);  // waits for a running whisper_full to return
    if (ctx != nullptr) {
      whisper_free(ctx);
      ctx = nullptr;
    }
  }

  ~ModelCore() {
    if (ctx != nullptr) whisper_free(ctx);
  }
};

// The live models of one Node environment (main thread or a worker), so that its teardown can stop running work.
// Shared by the environment's data and by every Model, so either may go first at teardown.
struct Registry {
  std::mutex mu;
  std::set<std::shared_ptr<ModelCore>> models;

  void add(const std::shared_ptr<ModelCore> & core) {
    std::lock_guard<std::mutex> lock(mu);
    models.insert(core);
  }

  void remove(const std::shared_ptr<ModelCore> & core) {
    std::lock_guard<std::mutex> lock(mu);
    models.erase(core);
  }

  void teardown() {
    std::set<std::shared_ptr<ModelCore>> live;
    {
      std::lock_guard<std::mutex> lock(mu);
      live.swap(models);
    }
    for (auto & m : live) {
      m->disposed.store(true);
      m->cancel_all();   // whisper's abort callback sees this within one graph computation
      m->free_context();
    }
  }
};

// Per-environment addon data (napi instance data): never a process-wide static, since each worker thread has its own
// JS constructor and its own models.
struct AddonData {
  Napi::FunctionReference model_constructor;
  std::shared_ptr<Registry> registry = std::make_shared<Registry>();
};

#ifdef SOTTO_BACKEND_DL
std::once_flag g_backends_once;
#endif

void ensure_backends(const std::string & dir) {
#ifdef SOTTO_BACKEND_DL
  // Release builds ship one libggml-cpu-<variant> per CPU generation beside the addon. ggml_backend_load_all()
  // would look beside the node/electron executable and find none; whisper would then abort the process.
  std::call_once(g_backends_once, [&]() { ggml_backend_load_all_from_path(dir.empty() ? nullptr : dir.c_str()); });
#else
  (void) dir;
#endif
}

// ---------- Model object ----------

class Model : public Napi::ObjectWrap<Model> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "WhisperNativeModel", {
      InstanceMethod("transcribe", &Model::Transcribe),
      InstanceMethod("cancel", &Model::Cancel),
      InstanceMethod("dispose", &Model::Dispose),
    });
  }

  explicit Model(const Napi::CallbackInfo & info) : Napi::ObjectWrap<Model>(info) {
    AddonData * data = info.Env().GetInstanceData<AddonData>();
    if (info.Length() < 1 || !info[0].IsExternal() || data == nullptr) {
      throw Napi::TypeError::New(info.Env(), "WhisperNativeModel is created by loadModel()");
    }
    core_ = *info[0].As<Napi::External<std::shared_ptr<ModelCore>>>().Data();
    registry_ = data->registry;
    registry_->add(core_);
  }

  ~Model() override {
    // Garbage-collected without dispose(): stop any work and let the last shared_ptr free the context.
    if (core_) {
      core_->disposed.store(true);
      core_->cancel_all();
      registry_->remove(core_);
    }
  }

 private:
  Napi::Value Transcribe(const Napi::CallbackInfo & info);
  Napi::Value Cancel(const Napi::CallbackInfo & info);
  Napi::Value Dispose(const Napi::CallbackInfo & info);

  std::shared_ptr<ModelCore> core_;
  std::shared_ptr<Registry> registry_;
};

// ---------- loading (off the JS thread: reading a 150 MB file takes a while) ----------

class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, bool use_gpu, std::string backend_dir)
      : Napi::AsyncWorker(env, "sotto.whisper.load"), deferred_(Napi::Promise::Deferred::New(env)),
        path_(std::move(path)), use_gpu_(use_gpu), backend_dir_(std::move(backend_dir)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    ensure_backends(backend_dir_);
    take_errors();
    whisper_context_params cparams = whisper_context_default_params();
    cparams.use_gpu = use_gpu_;
    try {
      ctx_ = whisper_init_from_file_with_params(path_.c_str(), cparams);
    } catch (const std::exception & e) {
      ctx_ = nullptr;
      message_ = e.what();
    }
    if (ctx_ == nullptr) {
      std::string details = take_errors();
      if (!message_.empty()) details += (details.empty() ? "" : "; ") + message_;
      message_ = details.empty() ? "whisper.cpp could not load the model" : details;
    }
  }

  void OnOK() override {
    try {
      Resolve();
    } catch (...) {
      // The environment is shutting down (worker terminated): nobody waits for this promise any more.
    }
  }

  void OnError(const Napi::Error & e) override {
    try {
      deferred_.Reject(e.Value());
    } catch (...) {
    }
  }

  ~LoadWorker() override {
    if (ctx_ != nullptr) whisper_free(ctx_);
  }

 private:
  void Resolve() {
    Napi::Env env = Env();
    if (ctx_ == nullptr) {
      deferred_.Reject(coded_error(env, "load_failed", message_).Value());
      return;
    }
    auto core = std::make_shared<ModelCore>();
    core->ctx = ctx_;
    ctx_ = nullptr;
    // The constructor copies the shared_ptr out of the External synchronously; holder only has to outlive New().
    auto holder = std::make_unique<std::shared_ptr<ModelCore>>(core);
    Napi::External<std::shared_ptr<ModelCore>> ext = Napi::External<std::shared_ptr<ModelCore>>::New(env, holder.get());
    Napi::Object obj = env.GetInstanceData<AddonData>()->model_constructor.New({ext});
    deferred_.Resolve(obj);
  }

  Napi::Promise::Deferred deferred_;
  std::string path_;
  bool use_gpu_;
  std::string backend_dir_;
  whisper_context * ctx_ = nullptr;
  std::string message_;
};

// ---------- transcription ----------

struct SegmentOut {
  int index = 0;
  int64_t t0_ms = 0;
  int64_t t1_ms = 0;
  std::string text;
  double mean_token_prob = 0;
  double no_speech_prob = 0;
  int tokens = 0;
};

struct TranscribeParams {
  std::string language = "auto";
  bool translate = false;
  int threads = 2;
  int audio_ctx = 0;
  int max_tokens = 0;          // total cap over the whole call (0 = whisper's own limits)
  std::string initial_prompt;
  bool has_prompt = false;
  bool single_segment = false;
  bool temperature_fallback = true;
};

using SegmentTsfn = Napi::ThreadSafeFunction;

class TranscribeWorker : public Napi::AsyncWorker {
 public:
  TranscribeWorker(Napi::Env env, std::shared_ptr<ModelCore> core, std::vector<float> pcm, TranscribeParams params,
                   uint32_t job_id, std::shared_ptr<std::atomic<bool>> abort_flag)
      : Napi::AsyncWorker(env, "sotto.whisper.transcribe"), deferred_(Napi::Promise::Deferred::New(env)),
        core_(std::move(core)), pcm_(std::move(pcm)), params_(std::move(params)), job_id_(job_id),
        abort_(std::move(abort_flag)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void SetSegmentCallback(Napi::Env env, Napi::Function fn) {
    tsfn_ = SegmentTsfn::New(env, fn, "sotto.whisper.segment", 0, 1);
    tsfn_.Unref(env);  // the async work itself keeps the loop alive while it runs; the callback must not
    has_tsfn_ = true;
  }

  void Execute() override {
    const auto t_start = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(core_->mu);
    whisper_context * ctx = core_->ctx;
    if (ctx == nullptr || core_->disposed.load()) {
      error_code_ = "disposed";
      SetError("the model was disposed");
      ReleaseTsfn();
      return;
    }
    if (abort_->load()) {
      error_code_ = "aborted";
      SetError("transcription aborted before it started");
      ReleaseTsfn();
      return;
    }

    take_errors();
    whisper_reset_timings(ctx);

    whisper_full_params wp = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
    wp.n_threads = params_.threads;
    wp.translate = params_.translate;
    wp.language = params_.language.c_str();
    wp.detect_language = false;
    wp.no_context = true;          // each call stands alone: the streaming transcriber passes context as a prompt
    wp.no_timestamps = false;
    wp.single_segment = params_.single_segment;
    wp.print_special = false;
    wp.print_progress = false;
    wp.print_realtime = false;
    wp.print_timestamps = false;
    wp.audio_ctx = params_.audio_ctx;
    wp.max_tokens = params_.max_tokens;
    wp.initial_prompt = params_.has_prompt ? params_.initial_prompt.c_str() : nullptr;
    if (!params_.temperature_fallback) wp.temperature_inc = 0.0f;

    wp.abort_callback = [](void * user) -> bool {
      return static_cast<TranscribeWorker *>(user)->abort_->load();
    };
    wp.abort_callback_user_data = this;

    // Stops cleanly (whisper_full returns 0 with what it has) before a new 30 s window when aborted or capped.
    wp.encoder_begin_callback = [](whisper_context *, whisper_state *, void * user) -> bool {
      auto * self = static_cast<TranscribeWorker *>(user);
      if (self->abort_->load()) return false;
      if (self->params_.max_tokens > 0 && self->committed_tokens_ >= self->params_.max_tokens) {
        self->capped_ = true;
        return false;
      }
      self->encoder_passes_++;
      return true;
    };
    wp.encoder_begin_callback_user_data = this;

    // Total token cap: once reached, only EOT or timestamps may follow (the same rule whisper uses per segment),
    // so random weights cannot decode garbage of arbitrary length.
    wp.logits_filter_callback = [](whisper_context * c, whisper_state *, const whisper_token_data * tokens, int n_tokens,
                                   float * logits, void * user) {
      auto * self = static_cast<TranscribeWorker *>(user);
      if (self->params_.max_tokens <= 0) return;
      const whisper_token eot = whisper_token_eot(c);
      int text_tokens = 0;
      for (int i = 0; i < n_tokens; i++) {
        if (tokens[i].id < eot) text_tokens++;
      }
      if (self->committed_tokens_ + text_tokens >= self->params_.max_tokens) {
        self->capped_ = true;
        for (int i = 0; i < eot; i++) logits[i] = -INFINITY;
      }
    };
    wp.logits_filter_callback_user_data = this;

    wp.new_segment_callback = [](whisper_context * c, whisper_state * st, int n_new, void * user) {
      auto * self = static_cast<TranscribeWorker *>(user);
      const int n = whisper_full_n_segments_from_state(st);
      for (int i = n - n_new; i < n; i++) {
        SegmentOut seg = self->ReadSegment(c, st, i);
        self->committed_tokens_ += seg.tokens;
        if (self->has_tsfn_) {
          auto * copy = new SegmentOut(seg);
          napi_status s = self->tsfn_.NonBlockingCall(copy, [](Napi::Env env, Napi::Function fn, SegmentOut * data) {
            std::unique_ptr<SegmentOut> owned(data);
            if (env == nullptr || fn == nullptr) return;
            try {
              fn.Call({ToObject(env, *owned)});
            } catch (...) {
              // JS errors are the facade's business (it catches its callback); this only covers a dying environment.
            }
          });
          if (s != napi_ok) delete copy;  // loop is closing: the final result still carries the segment
        }
      }
    };
    wp.new_segment_callback_user_data = this;

    int rc = -1;
    try {
      rc = whisper_full(ctx, wp, pcm_.data(), static_cast<int>(pcm_.size()));
    } catch (const std::exception & e) {
      error_code_ = "failed";
      SetError(std::string("whisper.cpp threw: ") + e.what());
      ReleaseTsfn();
      return;
    }

    if (abort_->load()) {
      error_code_ = "aborted";
      SetError("transcription aborted");
      ReleaseTsfn();
      return;
    }
    if (rc != 0) {
      std::string details = take_errors();
      error_code_ = "failed";
      SetError("whisper_full failed (code " + std::to_string(rc) + ")" + (details.empty() ? "" : ": " + details));
      ReleaseTsfn();
      return;
    }

    const int n = whisper_full_n_segments(ctx);
    segments_.reserve(n);
    for (int i = 0; i < n; i++) segments_.push_back(ReadSegment(ctx, nullptr, i));
    const int lang_id = whisper_full_lang_id(ctx);
    language_ = lang_id >= 0 ? whisper_lang_str(lang_id) : params_.language;

    whisper_timings * t = whisper_get_timings(ctx);
    if (t != nullptr) {
      encode_ms_ = t->encode_ms;  // mean per encoder pass
      delete t;
    }
    total_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
    ReleaseTsfn();
  }

  void OnOK() override {
    Forget();
    try {
      Resolve();
    } catch (...) {
      // The environment is shutting down (worker terminated): nobody waits for this promise any more.
    }
  }

  void OnError(const Napi::Error & e) override {
    Forget();
    try {
      deferred_.Reject(coded_error(Env(), error_code_.empty() ? "failed" : error_code_, e.Message()).Value());
    } catch (...) {
    }
  }

 private:
  void Resolve() {
    Napi::Env env = Env();
    Napi::Object out = Napi::Object::New(env);
    Napi::Array segs = Napi::Array::New(env, segments_.size());
    for (size_t i = 0; i < segments_.size(); i++) segs.Set(static_cast<uint32_t>(i), ToObject(env, segments_[i]));
    out.Set("segments", segs);
    out.Set("language", Napi::String::New(env, language_));
    out.Set("encodeMsPerPass", Napi::Number::New(env, encode_ms_));
    out.Set("encoderPasses", Napi::Number::New(env, encoder_passes_));
    out.Set("totalMs", Napi::Number::New(env, total_ms_));
    out.Set("capped", Napi::Boolean::New(env, capped_));
    deferred_.Resolve(out);
  }

  static Napi::Object ToObject(Napi::Env env, const SegmentOut & s) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("index", Napi::Number::New(env, s.index));
    o.Set("t0Ms", Napi::Number::New(env, static_cast<double>(s.t0_ms)));
    o.Set("t1Ms", Napi::Number::New(env, static_cast<double>(s.t1_ms)));
    o.Set("text", Napi::String::New(env, s.text));
    o.Set("meanTokenProb", Napi::Number::New(env, s.mean_token_prob));
    o.Set("noSpeechProb", Napi::Number::New(env, s.no_speech_prob));
    o.Set("tokens", Napi::Number::New(env, s.tokens));
    return o;
  }

  // state == nullptr reads the context's default state (after whisper_full returned).
  SegmentOut ReadSegment(whisper_context * c, whisper_state * st, int i) {
    SegmentOut s;
    s.index = i;
    const int64_t t0 = st ? whisper_full_get_segment_t0_from_state(st, i) : whisper_full_get_segment_t0(c, i);
    const int64_t t1 = st ? whisper_full_get_segment_t1_from_state(st, i) : whisper_full_get_segment_t1(c, i);
    s.t0_ms = t0 * 10;  // whisper counts in 10 ms steps
    s.t1_ms = t1 * 10;
    const char * text = st ? whisper_full_get_segment_text_from_state(st, i) : whisper_full_get_segment_text(c, i);
    s.text = text ? text : "";
    s.no_speech_prob = st ? whisper_full_get_segment_no_speech_prob_from_state(st, i) : whisper_full_get_segment_no_speech_prob(c, i);
    const whisper_token eot = whisper_token_eot(c);
    const int nt = st ? whisper_full_n_tokens_from_state(st, i) : whisper_full_n_tokens(c, i);
    double psum = 0;
    int ntext = 0;
    for (int k = 0; k < nt; k++) {
      const whisper_token_data d = st ? whisper_full_get_token_data_from_state(st, i, k) : whisper_full_get_token_data(c, i, k);
      if (d.id >= eot) continue;  // timestamps and other special tokens are not text
      psum += d.p;
      ntext++;
    }
    s.tokens = ntext;
    s.mean_token_prob = ntext > 0 ? psum / ntext : 0.0;
    return s;
  }

  void ReleaseTsfn() {
    if (has_tsfn_ && !tsfn_released_) {
      tsfn_.Release();
      tsfn_released_ = true;
    }
  }

  void Forget() {
    std::lock_guard<std::mutex> lock(core_->jobs_mu);
    core_->jobs.erase(job_id_);
  }

  Napi::Promise::Deferred deferred_;
  std::shared_ptr<ModelCore> core_;
  std::vector<float> pcm_;
  TranscribeParams params_;
  uint32_t job_id_;
  std::shared_ptr<std::atomic<bool>> abort_;

  SegmentTsfn tsfn_;
  bool has_tsfn_ = false;
  bool tsfn_released_ = false;

  // Touched only on the worker thread (inside whisper_full's callbacks).
  int committed_tokens_ = 0;
  int encoder_passes_ = 0;
  bool capped_ = false;

  std::vector<SegmentOut> segments_;
  std::string language_;
  double encode_ms_ = 0;
  double total_ms_ = 0;
  std::string error_code_;
};

int get_int(const Napi::Object & o, const char * key, int fallback) {
  Napi::Value v = o.Get(key);
  return v.IsNumber() ? v.As<Napi::Number>().Int32Value() : fallback;
}

bool get_bool(const Napi::Object & o, const char * key, bool fallback) {
  Napi::Value v = o.Get(key);
  return v.IsBoolean() ? v.As<Napi::Boolean>().Value() : fallback;
}

Napi::Value Model::Transcribe(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
      !info[1].IsObject() || !info[2].IsNumber()) {
    throw coded_error(env, "bad_input", "transcribe(pcm: Float32Array, opts: object, jobId: number, onSegment?)");
  }
  if (core_->disposed.load()) throw coded_error(env, "disposed", "the model was disposed");

  Napi::Float32Array arr = info[0].As<Napi::Float32Array>();
  // Copied: the caller may reuse or transfer its buffer while the worker runs.
  std::vector<float> pcm(arr.Data(), arr.Data() + arr.ElementLength());

  Napi::Object o = info[1].As<Napi::Object>();
  TranscribeParams p;
  Napi::Value lang = o.Get("language");
  if (lang.IsString()) p.language = lang.As<Napi::String>().Utf8Value();
  p.translate = get_bool(o, "translate", false);
  p.threads = get_int(o, "threads", 2);
  p.audio_ctx = get_int(o, "audioCtx", 0);
  p.max_tokens = get_int(o, "maxTokens", 0);
  p.single_segment = get_bool(o, "singleSegment", false);
  p.temperature_fallback = get_bool(o, "temperatureFallback", true);
  Napi::Value prompt = o.Get("initialPrompt");
  if (prompt.IsString()) {
    p.initial_prompt = prompt.As<Napi::String>().Utf8Value();
    p.has_prompt = !p.initial_prompt.empty();
  }

  const uint32_t job_id = info[2].As<Napi::Number>().Uint32Value();
  auto flag = std::make_shared<std::atomic<bool>>(false);
  {
    std::lock_guard<std::mutex> lock(core_->jobs_mu);
    core_->jobs[job_id] = flag;
  }

  auto * worker = new TranscribeWorker(env, core_, std::move(pcm), std::move(p), job_id, flag);
  if (info.Length() > 3 && info[3].IsFunction()) worker->SetSegmentCallback(env, info[3].As<Napi::Function>());
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value Model::Cancel(const Napi::CallbackInfo & info) {
  if (info.Length() >= 1 && info[0].IsNumber()) {
    const uint32_t job_id = info[0].As<Napi::Number>().Uint32Value();
    std::lock_guard<std::mutex> lock(core_->jobs_mu);
    auto it = core_->jobs.find(job_id);
    if (it != core_->jobs.end()) it->second->store(true);
  }
  return info.Env().Undefined();
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

// ---------- module functions ----------

Napi::Value LoadModel(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw coded_error(env, "bad_input", "loadModel(path: string, useGpu: boolean, backendDir: string)");
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const bool use_gpu = info.Length() > 1 && info[1].IsBoolean() && info[1].As<Napi::Boolean>().Value();
  const std::string backend_dir = info.Length() > 2 && info[2].IsString() ? info[2].As<Napi::String>().Utf8Value() : "";
  auto * worker = new LoadWorker(env, path, use_gpu, backend_dir);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value LangId(const Napi::CallbackInfo & info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, whisper_lang_id(info[0].As<Napi::String>().Utf8Value().c_str()));
}

Napi::Value SystemInfo(const Napi::CallbackInfo & info) {
  return Napi::String::New(info.Env(), whisper_print_system_info());
}

Napi::Value Version(const Napi::CallbackInfo & info) {
  return Napi::String::New(info.Env(), whisper_version());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  whisper_log_set(log_callback, nullptr);
  auto * data = new AddonData();
  Napi::Function model_class = Model::Init(env);
  data->model_constructor = Napi::Persistent(model_class);
  env.SetInstanceData<AddonData>(data);  // deleted by Node at this environment's teardown
  exports.Set("Model", model_class);
  exports.Set("loadModel", Napi::Function::New(env, LoadModel, "loadModel"));
  exports.Set("langId", Napi::Function::New(env, LangId, "langId"));
  exports.Set("systemInfo", Napi::Function::New(env, SystemInfo, "systemInfo"));
  exports.Set("version", Napi::Function::New(env, Version, "version"));
  // Environment teardown with work still running (worker_threads exit, Electron quitting): stop it and free contexts.
  // process.exit() in the main thread joins the thread pool *before* cleanup hooks run; the TS facade covers that
  // case by cancelling in-flight jobs from process.on('exit').
  std::shared_ptr<Registry> registry = data->registry;
  env.AddCleanupHook([registry]() { registry->teardown(); });
  return exports;
}

}  // namespace

NODE_API_MODULE(sotto_whisper, Init)
