#include "transcribe_worker.h"

#include "log_capture.h"

#include <chrono>
#include <cmath>
#include <mutex>

namespace sotto {
namespace {

Napi::Object ToObject(Napi::Env env, const SegmentOut & s) {
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
  s.t0_ms = 10 * (st ? whisper_full_get_segment_t0_from_state(st, i) : whisper_full_get_segment_t0(c, i));  // 10 ms steps
  s.t1_ms = 10 * (st ? whisper_full_get_segment_t1_from_state(st, i) : whisper_full_get_segment_t1(c, i));
  const char * text = st ? whisper_full_get_segment_text_from_state(st, i) : whisper_full_get_segment_text(c, i);
  s.text = text ? text : "";
  s.no_speech_prob = st ? whisper_full_get_segment_no_speech_prob_from_state(st, i) : whisper_full_get_segment_no_speech_prob(c, i);
  const whisper_token eot = whisper_token_eot(c);
  const int nt = st ? whisper_full_n_tokens_from_state(st, i) : whisper_full_n_tokens(c, i);
  double psum = 0;
  for (int k = 0; k < nt; k++) {
    const whisper_token_data d = st ? whisper_full_get_token_data_from_state(st, i, k) : whisper_full_get_token_data(c, i, k);
    if (d.id >= eot) continue;  // timestamps and other special tokens are not text
    psum += d.p;
    s.tokens++;
  }
  s.mean_token_prob = s.tokens > 0 ? psum / s.tokens : 0.0;
  return s;
}

void Suppress(float * logits, int from, int to) {
  for (int i = from; i < to; i++) logits[i] = -INFINITY;
}

}  // namespace

TranscribeWorker::TranscribeWorker(Napi::Env env, std::shared_ptr<ModelCore> core, std::vector<float> pcm, TranscribeParams params,
                                   uint32_t job_id, AbortFlag abort_flag)
    : Napi::AsyncWorker(env, "sotto.whisper.transcribe"), deferred_(Napi::Promise::Deferred::New(env)), core_(std::move(core)),
      pcm_(std::move(pcm)), params_(std::move(params)), job_id_(job_id), abort_(std::move(abort_flag)) {}

void TranscribeWorker::SetSegmentCallback(Napi::Env env, Napi::Function fn) {
  tsfn_ = Napi::ThreadSafeFunction::New(env, fn, "sotto.whisper.segment", 0, 1);
  tsfn_.Unref(env);  // the async work itself keeps the loop alive while it runs; the callback must not
  has_tsfn_ = true;
}

bool TranscribeWorker::OnAbortPoll(void * user) {
  auto * self = static_cast<TranscribeWorker *>(user);
  self->abort_polls_.fetch_add(1, std::memory_order_relaxed);
  return self->abort_->load();
}

// Stops cleanly (whisper_full returns 0 with what it has) before a new 30 s window when aborted or capped.
bool TranscribeWorker::OnEncoderBegin(whisper_context *, whisper_state *, void * user) {
  auto * self = static_cast<TranscribeWorker *>(user);
  if (self->abort_->load()) return false;
  if (self->params_.max_tokens > 0 && self->committed_tokens_.load() >= self->params_.max_tokens) {
    self->capped_ = true;
    return false;
  }
  self->encoder_passes_++;
  return true;
}

// Total token cap: once reached, only EOT or timestamps may follow (the rule whisper uses per segment), so random
// weights cannot decode garbage of arbitrary length. exact_tokens: text only until the cap, then EOT only.
void TranscribeWorker::OnLogits(whisper_context * c, whisper_state *, const whisper_token_data * tokens, int n_tokens, float * logits,
                                void * user) {
  auto * self = static_cast<TranscribeWorker *>(user);
  if (self->params_.max_tokens <= 0) return;
  const whisper_token eot = whisper_token_eot(c);
  int text_tokens = 0;
  for (int i = 0; i < n_tokens; i++) text_tokens += tokens[i].id < eot ? 1 : 0;
  const bool at_cap = self->committed_tokens_.load() + text_tokens >= self->params_.max_tokens;
  if (at_cap) {
    self->capped_ = true;
    Suppress(logits, 0, eot);
    if (self->params_.exact_tokens) Suppress(logits, eot + 1, whisper_n_vocab(c));
  } else if (self->params_.exact_tokens) {
    Suppress(logits, eot, whisper_n_vocab(c));
  }
}

void TranscribeWorker::OnNewSegment(whisper_context * c, whisper_state * st, int n_new, void * user) {
  auto * self = static_cast<TranscribeWorker *>(user);
  const int n = whisper_full_n_segments_from_state(st);
  for (int i = n - n_new; i < n; i++) {
    SegmentOut seg = ReadSegment(c, st, i);
    self->committed_tokens_ += seg.tokens;
    if (!self->has_tsfn_) continue;
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

whisper_full_params TranscribeWorker::WhisperParams() {
  whisper_full_params wp = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
  wp.n_threads = params_.threads;
  wp.translate = params_.translate;
  wp.language = params_.language.c_str();
  wp.detect_language = false;
  wp.no_context = true;  // each call stands alone: the streaming transcriber passes context as a prompt
  wp.single_segment = params_.single_segment;
  wp.print_progress = false;
  wp.print_realtime = false;
  wp.print_timestamps = false;
  wp.audio_ctx = params_.audio_ctx;
  wp.max_tokens = params_.max_tokens;
  wp.initial_prompt = params_.initial_prompt.empty() ? nullptr : params_.initial_prompt.c_str();
  if (!params_.temperature_fallback) wp.temperature_inc = 0.0f;
  wp.abort_callback = OnAbortPoll;
  wp.abort_callback_user_data = this;
  wp.encoder_begin_callback = OnEncoderBegin;
  wp.encoder_begin_callback_user_data = this;
  wp.logits_filter_callback = OnLogits;
  wp.logits_filter_callback_user_data = this;
  wp.new_segment_callback = OnNewSegment;
  wp.new_segment_callback_user_data = this;
  return wp;
}

void TranscribeWorker::Execute() {
  const auto t_start = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(core_->mu);
  whisper_context * ctx = core_->ctx;
  if (ctx == nullptr || core_->disposed.load()) return Fail("disposed", "the model was disposed");
  if (abort_->load()) return Fail("aborted", "transcription aborted before it started");
  ErrorCapture errors;
  whisper_reset_timings(ctx);
  int rc = -1;
  try {
    rc = whisper_full(ctx, WhisperParams(), pcm_.data(), static_cast<int>(pcm_.size()));
  } catch (const std::exception & e) {
    return Fail("failed", std::string("whisper.cpp threw: ") + e.what());
  }
  if (abort_->load()) return Fail("aborted", "transcription aborted");
  if (rc != 0) {
    const std::string details = errors.text();
    return Fail("failed", "whisper_full failed (code " + std::to_string(rc) + ")" + (details.empty() ? "" : ": " + details));
  }
  Collect(ctx);
  total_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
  ReleaseTsfn();
}

void TranscribeWorker::Fail(const std::string & code, const std::string & message) {
  error_code_ = code;
  SetError(message);
  ReleaseTsfn();
}

void TranscribeWorker::Collect(whisper_context * ctx) {
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
}

void TranscribeWorker::OnOK() {
  core_->remove_job(job_id_);
  try {
    Resolve();
  } catch (...) {
    // The environment is shutting down (worker terminated): nobody waits for this promise any more.
  }
}

void TranscribeWorker::OnError(const Napi::Error & e) {
  core_->remove_job(job_id_);
  try {
    deferred_.Reject(coded_error(Env(), error_code_.empty() ? "failed" : error_code_, e.Message()).Value());
  } catch (...) {
  }
}

void TranscribeWorker::Resolve() {
  Napi::Env env = Env();
  Napi::Object out = Napi::Object::New(env);
  Napi::Array segs = Napi::Array::New(env, segments_.size());
  for (size_t i = 0; i < segments_.size(); i++) segs.Set(static_cast<uint32_t>(i), ToObject(env, segments_[i]));
  out.Set("segments", segs);
  out.Set("language", Napi::String::New(env, language_));
  out.Set("encodeMsPerPass", Napi::Number::New(env, encode_ms_));
  out.Set("encoderPasses", Napi::Number::New(env, encoder_passes_.load()));
  out.Set("totalMs", Napi::Number::New(env, total_ms_));
  out.Set("capped", Napi::Boolean::New(env, capped_.load()));
  out.Set("abortPolls", Napi::Number::New(env, static_cast<double>(abort_polls_.load())));
  deferred_.Resolve(out);
}

void TranscribeWorker::ReleaseTsfn() {
  if (has_tsfn_ && !tsfn_released_) {
    tsfn_.Release();
    tsfn_released_ = true;
  }
}

}  // namespace sotto
