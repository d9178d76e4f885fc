#include "run_entry.hpp"

#include <dlfcn.h>
#include <ffi.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace xir::verify {
namespace {

// Written by the child in shared memory: how far it got and why it stopped.
struct ChildStatus {
  enum Phase : int { started, loaded, returned };
  volatile int phase = started;
  char message[2048] = {};
};

[[noreturn]] void child_fail(ChildStatus* status, const std::string& message) {
  std::snprintf(status->message, sizeof status->message, "%s", message.c_str());
  _exit(3);
}

// The child: load, look up, call through libffi, exit without running the library's destructors.
[[noreturn]] void
call_in_child(const std::string& library, const spec::Spec& spec,
              const std::map<std::string, std::unique_ptr<GuardedBuffer>>& buffers,
              ChildStatus* status) {
  setpgid(0, 0);
  dup2(STDERR_FILENO, STDOUT_FILENO); // kernel printf must not corrupt a --json report
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    child_fail(status, std::string("cannot load the library: ") + dlerror());
  void* entry = dlsym(handle, spec.entry.c_str());
  if (!entry)
    child_fail(status, "entry point '" + spec.entry +
                           "' is not defined by the library (C linkage expected)");
  status->phase = ChildStatus::loaded;

  std::vector<ffi_type*> types;
  std::vector<void*> pointers(spec.args.size());
  std::vector<std::int32_t> i32s(spec.args.size());
  std::vector<std::int64_t> i64s(spec.args.size());
  std::vector<float> f32s(spec.args.size());
  std::vector<void*> values;
  for (std::size_t i = 0; i < spec.args.size(); ++i) {
    const spec::Arg& arg = spec.args[i];
    switch (arg.kind) {
    case spec::Arg::Kind::buffer:
      pointers[i] = buffers.at(arg.buffer)->data();
      types.push_back(&ffi_type_pointer);
      values.push_back(&pointers[i]);
      break;
    case spec::Arg::Kind::i32:
      i32s[i] = static_cast<std::int32_t>(arg.integer);
      types.push_back(&ffi_type_sint32);
      values.push_back(&i32s[i]);
      break;
    case spec::Arg::Kind::i64:
      i64s[i] = arg.integer;
      types.push_back(&ffi_type_sint64);
      values.push_back(&i64s[i]);
      break;
    case spec::Arg::Kind::f32:
      f32s[i] = static_cast<float>(arg.real);
      types.push_back(&ffi_type_float);
      values.push_back(&f32s[i]);
      break;
    }
  }
  ffi_cif cif;
  if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, static_cast<unsigned>(types.size()), &ffi_type_void,
                   types.data()) != FFI_OK)
    child_fail(status, "libffi could not prepare the call");
  ffi_call(&cif, FFI_FN(entry), nullptr, values.data());
  status->phase = ChildStatus::returned;
  std::fflush(nullptr);
  _exit(0);
}

std::string describe_signal(int signal_number) {
  const char* name = sigabbrev_np(signal_number);
  return std::string("SIG") + (name ? name : std::to_string(signal_number)) + " (" +
         strsignal(signal_number) + ")";
}

} // namespace

RunOutcome run_entry(const std::string& library, const spec::Spec& spec,
                     const std::vector<spec::HostTensor>& inputs, double timeout_seconds) {
  RunOutcome outcome;
  StageResult& stage = outcome.stage;
  stage.tool = "dlopen + libffi call of " + spec.entry + " in a child process";
  std::map<std::string, std::unique_ptr<GuardedBuffer>> buffers;
  for (std::size_t i = 0; i < spec.inputs.size(); ++i)
    buffers[spec.inputs[i].name] = std::make_unique<GuardedBuffer>(spec.inputs[i].name, inputs[i]);
  for (const spec::TensorDesc& output : spec.outputs) {
    if (buffers.count(output.name))
      continue; // in place
    spec::HostTensor unwritten = spec::HostTensor::zeros(output.dtype, output.shape);
    std::fill(unwritten.bytes.begin(), unwritten.bytes.end(), std::byte{0xff});
    buffers[output.name] = std::make_unique<GuardedBuffer>(output.name, unwritten);
  }
  void* shared =
      mmap(nullptr, sizeof(ChildStatus), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    stage.status = StageResult::Status::failed;
    stage.detail = "cannot map shared memory for the child's status";
    return outcome;
  }
  auto* status = new (shared) ChildStatus();
  std::fflush(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0)
    call_in_child(library, spec, buffers, status);
  int wait_status = 0;
  bool timed_out = false;
  if (pid > 0) {
    setpgid(pid, pid); // also done by the child; whichever runs first
    const auto deadline = start + std::chrono::duration<double>(timeout_seconds);
    auto pause = std::chrono::microseconds(200);
    while (waitpid(pid, &wait_status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, &wait_status, 0);
        break;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::microseconds(20000));
    }
  }
  stage.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int phase = status->phase;
  const std::string child_message = status->message;
  munmap(shared, sizeof(ChildStatus));

  stage.status = StageResult::Status::failed;
  if (pid < 0) {
    stage.detail = "fork failed";
  } else if (timed_out) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", timeout_seconds);
    stage.detail =
        std::string("timed out after ") + seconds + " s (killed)" +
        (phase == ChildStatus::started ? " while loading the library" : " inside " + spec.entry);
  } else if (WIFSIGNALED(wait_status)) {
    stage.detail =
        "crashed with " + describe_signal(WTERMSIG(wait_status)) +
        (phase == ChildStatus::started ? " while loading the library" : " inside " + spec.entry);
  } else if (!child_message.empty()) {
    stage.detail = child_message;
  } else if (phase != ChildStatus::returned) {
    stage.detail = "the process exited with status " + std::to_string(WEXITSTATUS(wait_status)) +
                   " inside " + spec.entry + " (exit() called by the kernel or its runtime)";
  } else {
    stage.status = StageResult::Status::passed;
  }
  if (stage.status == StageResult::Status::passed) {
    std::string damage;
    for (const auto& [name, buffer] : buffers)
      if (std::string guard = buffer->damaged_guards(); !guard.empty())
        damage += (damage.empty() ? "" : "; ") + guard;
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
      const std::string& name = spec.inputs[i].name;
      if (!spec.find_output(name) && buffers.at(name)->contents().bytes != inputs[i].bytes)
        damage += (damage.empty() ? "" : "; ") + std::string("the entry point modified input '") +
                  name + "'";
    }
    if (!damage.empty()) {
      stage.status = StageResult::Status::failed;
      stage.detail = damage;
    }
  }
  for (const auto& [name, buffer] : buffers)
    outcome.tensors.emplace(name, buffer->contents());
  return outcome;
}

} // namespace xir::verify
