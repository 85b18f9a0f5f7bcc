// Opening a model file for whisper.cpp, which trusts what it reads: a regular file only (opened so that a FIFO can
// never block), its header checked for the values that abort or fault whisper.cpp, then handed to whisper through a
// loader over the same open file (so the file checked is the file loaded). The TS facade checks the whole file
// first (inspect-model.ts); this guards the raw binding and the moment between that check and this open.
#pragma once

#include "coded_error.h"
#include "whisper.h"

#include <cstdio>
#include <string>

namespace sotto {

class ModelFile {
 public:
  // Opens and checks `path` (UTF-8). On failure returns false and sets `failure` (not_found, bad_format, unsupported).
  bool open(const std::string & path, Failure & failure);
  // A loader reading this file; whisper.cpp closes it (the loader owns the FILE from then on).
  whisper_model_loader release_loader();
  ~ModelFile();

 private:
  FILE * file_ = nullptr;
};

}  // namespace sotto
