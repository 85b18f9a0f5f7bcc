#include "model_file.h"

#include <cstdint>
#include <set>

#ifdef _WIN32
#include <windows.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace sotto {
namespace {

constexpr uint32_t kGgmlMagic = 0x67676d6c;
constexpr int32_t kQntVersionFactor = 1000;
constexpr int32_t kQntVersionMax = 2;

#ifdef _WIN32
FILE * open_regular(const std::string & path, Failure & failure) {
  const int n = MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, nullptr, 0);
  std::wstring wide(n > 0 ? n - 1 : 0, L'\0');
  if (n > 0) MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, wide.data(), n);
  struct _stat64 st;
  if (_wstat64(wide.c_str(), &st) != 0) {
    failure = {"not_found", "model file not found: " + path};
    return nullptr;
  }
  if ((st.st_mode & _S_IFMT) != _S_IFREG) {
    failure = {"not_found", path + " is not a regular file"};
    return nullptr;
  }
  FILE * f = _wfopen(wide.c_str(), L"rb");
  if (f == nullptr) failure = {"not_found", "cannot open the model file " + path};
  return f;
}
#else
// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it.
FILE * open_regular(const std::string & path, Failure & failure) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    failure = {"not_found", "model file not found: " + path};
    return nullptr;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    failure = {"not_found", path + " is not a regular file"};
    return nullptr;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FILE * f = fdopen(fd, "rb");
  if (f == nullptr) {
    ::close(fd);
    failure = {"not_found", "cannot open the model file " + path};
  }
  return f;
}
#endif

struct Header {
  int32_t n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer;
  int32_t n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype;
};

// The values whisper.cpp 1.9.1 cannot survive (GGML_ASSERT on ftype, get_rows past n_vocab, huge contexts).
std::string header_problem(const Header & h) {
  static const std::set<int32_t> ftypes = {0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14};
  if (h.ftype < 0 || h.ftype / kQntVersionFactor > kQntVersionMax || ftypes.count(h.ftype % kQntVersionFactor) == 0) {
    return "ftype " + std::to_string(h.ftype) + " is not one whisper.cpp loads";
  }
  if (h.n_vocab < 51864 || h.n_vocab > 51866) return "n_vocab " + std::to_string(h.n_vocab) + " puts special tokens outside the vocabulary";
  if (h.n_audio_ctx != 1500 || h.n_text_ctx != 448) return "contexts " + std::to_string(h.n_audio_ctx) + "/" + std::to_string(h.n_text_ctx) + " are not whisper's 1500/448";
  if (h.n_mels != 80 && h.n_mels != 128) return "n_mels " + std::to_string(h.n_mels) + " is not 80 or 128";
  const int32_t sizes[] = {h.n_audio_state, h.n_audio_head, h.n_audio_layer, h.n_text_head, h.n_text_layer};
  for (int32_t v : sizes) {
    if (v < 1 || v > 4096) return "a layer size is out of range";
  }
  if (h.n_text_state != h.n_audio_state || h.n_audio_state % h.n_audio_head != 0) return "inconsistent state sizes";
  return "";
}

}  // namespace

bool ModelFile::open(const std::string & path, Failure & failure) {
  file_ = open_regular(path, failure);
  if (file_ == nullptr) return false;
  uint32_t magic = 0;
  Header h{};
  if (std::fread(&magic, sizeof magic, 1, file_) != 1 || magic != kGgmlMagic || std::fread(&h, sizeof h, 1, file_) != 1) {
    failure = {"bad_format", path + " is not a whisper.cpp ggml model"};
    return false;
  }
  const std::string problem = header_problem(h);
  if (!problem.empty()) {
    failure = {"unsupported", path + ": " + problem + " — whisper.cpp cannot run this file safely"};
    return false;
  }
  std::rewind(file_);
  return true;
}

whisper_model_loader ModelFile::release_loader() {
  whisper_model_loader loader{};
  loader.context = file_;
  loader.read = [](void * ctx, void * out, size_t n) -> size_t { return std::fread(out, 1, n, static_cast<FILE *>(ctx)); };
  loader.eof = [](void * ctx) -> bool { return std::feof(static_cast<FILE *>(ctx)) != 0; };
  loader.close = [](void * ctx) { std::fclose(static_cast<FILE *>(ctx)); };
  file_ = nullptr;
  return loader;
}

ModelFile::~ModelFile() {
  if (file_ != nullptr) std::fclose(file_);
}

}  // namespace sotto
