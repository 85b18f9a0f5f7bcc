#include "model_core.h"

namespace sotto {

AbortFlag ModelCore::add_job(uint32_t job_id) {
  std::lock_guard<std::mutex> lock(jobs_mu_);
  if (jobs_.count(job_id) != 0) return nullptr;
  auto flag = std::make_shared<std::atomic<bool>>(false);
  jobs_[job_id] = flag;
  return flag;
}

void ModelCore::remove_job(uint32_t job_id) {
  std::lock_guard<std::mutex> lock(jobs_mu_);
  jobs_.erase(job_id);
}

void ModelCore::cancel(uint32_t job_id) {
  std::lock_guard<std::mutex> lock(jobs_mu_);
  auto it = jobs_.find(job_id);
  if (it != jobs_.end()) it->second->store(true);
}

void ModelCore::cancel_all() {
  std::lock_guard<std::mutex> lock(jobs_mu_);
  for (auto & j : jobs_) j.second->store(true);
}

void ModelCore::free_context() {
  std::lock_guard<std::mutex> lock(mu);
  if (ctx != nullptr) {
    whisper_free(ctx);
    ctx = nullptr;
  }
}

ModelCore::~ModelCore() {
  if (ctx != nullptr) whisper_free(ctx);
}

void Registry::add(const std::shared_ptr<ModelCore> & core) {
  std::lock_guard<std::mutex> lock(mu_);
  models_.insert(core);
}

void Registry::remove(const std::shared_ptr<ModelCore> & core) {
  std::lock_guard<std::mutex> lock(mu_);
  models_.erase(core);
}

void Registry::teardown() {
  std::set<std::shared_ptr<ModelCore>> live;
  {
    std::lock_guard<std::mutex> lock(mu_);
    live.swap(models_);
  }
  for (auto & m : live) {
    m->disposed.store(true);
    m->cancel_all();  // whisper's abort callback sees this within one graph node
    m->free_context();
  }
}

}  // namespace sotto
