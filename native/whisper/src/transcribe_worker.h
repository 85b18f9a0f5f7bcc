// One whisper_full call on the libuv pool: abort flag polled by whisper (per graph node, with the carried patch),
// total token cap (and exact decoding for benchmarks) in the logits filter, segments streamed to JS as they come.
#pragma once

#include "coded_error.h"
#include "model_core.h"
#include "transcribe_params.h"

#include <napi.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sotto {

struct SegmentOut {
  int index = 0;
  int64_t t0_ms = 0;
  int64_t t1_ms = 0;
  std::string text;
  double mean_token_prob = 0;
  double no_speech_prob = 0;
  int tokens = 0;
};

class TranscribeWorker : public Napi::AsyncWorker {
 public:
  TranscribeWorker(Napi::Env env, std::shared_ptr<ModelCore> core, std::vector<float> pcm, TranscribeParams params, uint32_t job_id,
                   AbortFlag abort_flag);

  Napi::Promise Promise() const { return deferred_.Promise(); }
  void SetSegmentCallback(Napi::Env env, Napi::Function fn);

  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error & e) override;

 private:
  whisper_full_params WhisperParams();
  void Fail(const std::string & code, const std::string & message);
  void Collect(whisper_context * ctx);
  void Resolve();
  void ReleaseTsfn();

  static bool OnAbortPoll(void * user);
  static bool OnEncoderBegin(whisper_context *, whisper_state *, void * user);
  static void OnLogits(whisper_context * c, whisper_state *, const whisper_token_data * tokens, int n_tokens, float * logits, void * user);
  static void OnNewSegment(whisper_context * c, whisper_state * st, int n_new, void * user);

  Napi::Promise::Deferred deferred_;
  std::shared_ptr<ModelCore> core_;
  std::vector<float> pcm_;
  TranscribeParams params_;
  uint32_t job_id_;
  AbortFlag abort_;

  Napi::ThreadSafeFunction tsfn_;
  bool has_tsfn_ = false;
  bool tsfn_released_ = false;

  // Written inside whisper_full's callbacks; the logits filter runs on several decoder threads at once.
  std::atomic<int> committed_tokens_{0};
  std::atomic<int> encoder_passes_{0};
  std::atomic<bool> capped_{false};
  std::atomic<uint64_t> abort_polls_{0};

  std::vector<SegmentOut> segments_;
  std::string language_;
  double encode_ms_ = 0;
  double total_ms_ = 0;
  std::string error_code_;
};

}  // namespace sotto
