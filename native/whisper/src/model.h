// The JS Model object: transcribe (queued on the libuv pool), cancel by job id, dispose.
#pragma once

#include "model_core.h"

#include <napi.h>

#include <memory>

namespace sotto {

class Model : public Napi::ObjectWrap<Model> {
 public:
  static Napi::Function Init(Napi::Env env);
  // A JS Model owning `ctx` (created through the environment's constructor).
  static Napi::Object Wrap(Napi::Env env, whisper_context * ctx);

  explicit Model(const Napi::CallbackInfo & info);
  ~Model() override;

 private:
  Napi::Value Transcribe(const Napi::CallbackInfo & info);
  Napi::Value Cancel(const Napi::CallbackInfo & info);
  Napi::Value Dispose(const Napi::CallbackInfo & info);

  std::shared_ptr<ModelCore> core_;
  std::shared_ptr<Registry> registry_;
};

}  // namespace sotto
