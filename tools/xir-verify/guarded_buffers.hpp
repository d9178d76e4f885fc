#pragma once
// Tensor buffers in shared memory (visible to the parent after a forked child writes them), each
// between canary zones so that writes outside the buffer are detected.
#include <cstddef>
#include <string>
#include <vector>

#include "xir/spec/host_tensor.hpp"

namespace xir::verify {

class GuardedBuffer {
public:
  static constexpr std::size_t guard_bytes = 4096;

  GuardedBuffer(std::string name, const spec::HostTensor& initial);
  ~GuardedBuffer();
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  const std::string& name() const { return name_; }
  void* data() const { return data_; } // page-aligned
  std::size_t size_bytes() const { return size_; }

  // The current contents as a tensor of the initial dtype and shape.
  spec::HostTensor contents() const;
  // Empty if both canary zones are intact, else a description of the damage.
  std::string damaged_guards() const;

private:
  std::string name_;
  spec::HostTensor layout_; // dtype and shape (bytes unused)
  std::byte* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  std::byte* data_ = nullptr;
  std::size_t size_ = 0;
};

} // namespace xir::verify
