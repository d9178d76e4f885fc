#pragma once
// Internal: the interpreter's machine state. Execution contexts form a tree: the root runs the
// kernel body; a bound or parallel loop spawns one child context per iteration and waits until
// all of them finish. Leaf contexts are the running threads; each keeps an explicit stack of
// frames so it can stop at a barrier and resume when its whole barrier group has arrived.

#include <boost/container/small_vector.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "element.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir/error.hpp"

namespace xir::interp::detail {

using Lanes = boost::container::small_vector<Lane, 4>;
/// The indices of one element access.
using Indices = boost::container::small_vector<std::int64_t, 4>;

/// The value of an expression: one lane per vector element.
struct Value {
  Type type;
  Lanes lanes;
};

/// Which lanes of a vector expression are evaluated (Select with a vector condition).
using LaneMask = boost::container::small_vector<bool, 16>;

/// Thrown inside the machine; run() turns it into an InterpError.
struct Failure {
  std::string message;
};

/// Which threads wait for each other at a barrier: the scope, the spawn (loop execution) the
/// group descends from, and an index within it (the warp, or the cluster of a task loop).
struct GroupKey {
  BarrierScope scope = BarrierScope::Block;
  int spawn = -1;
  std::int64_t sub = 0;
  auto operator<=>(const GroupKey&) const = default;
};

struct GroupState {
  GroupKey key;
  int live = 0;
  int finished = 0;
  int last_finished = -1;
  std::uint32_t last_release = 0;
  std::vector<int> waiting;
};

/// What is known of a context for the whole run (race checks outlive the context's thread).
struct ContextInfo {
  int parent = -1;
  int spawn = -1; // -1 for the root
  std::int64_t iteration = 0;
  std::int64_t value = 0;                    // the loop variable's value in this context
  std::array<int, 4> groups{-1, -1, -1, -1}; // GroupState index per BarrierScope
};

struct SpawnInfo {
  int parent = -1;
  ForKind kind = ForKind::Bound;
  HardwareAxis axis = HardwareAxis::None;
  std::int64_t extent = 0;
  std::string name; // the axis, or the variable of a parallel loop
};

/// Race-detection state of one element: its last writer and up to two recent readers, each with
/// the clock (count of barrier releases) at the access.
struct Shadow {
  int writer = -1;
  std::uint32_t write_time = 0;
  std::array<int, 2> readers{-1, -1};
  std::array<std::uint32_t, 2> read_times{0, 0};
};

/// One instance of a buffer: for a parameter the host buffer, for an allocation the copy of one
/// block, cluster or thread.
struct Storage {
  std::string name;
  Type dtype;
  MemoryScope scope = MemoryScope::Global;
  std::vector<std::int64_t> shape;
  std::byte* data = nullptr;
  std::vector<std::byte> owned;
  std::vector<Shadow> shadow; // empty when the scope is private to one thread
  std::int64_t element_count() const;
};

using SharingKey = std::pair<int, std::int64_t>;
class Machine;

/// A buffer name in scope: a parameter, or one execution of an Allocate with its instances.
struct Allocation {
  Buffer buffer;
  bool is_parameter = false;
  int declaring_context = 0;
  std::vector<std::int64_t> shape;
  std::map<SharingKey, std::unique_ptr<Storage>> instances;
  Machine* machine = nullptr;
  ~Allocation();
};

struct Frame {
  enum class Kind : std::uint8_t { Run, Sequence, Loop, PopVar, PopBuffer, EndIntrinsic };
  Kind kind = Kind::Run;
  Stmt stmt;
  std::size_t next = 0;
  std::int64_t counter = 0, end = 0;
  std::size_t var_slot = 0;
};

struct Thread {
  enum class State : std::uint8_t { Runnable, AtBarrier, Waiting, Done };
  int id = 0;
  State state = State::Runnable;
  std::vector<Frame> frames;
  std::vector<std::pair<std::string, Value>> vars;
  std::vector<std::pair<std::string, std::shared_ptr<Allocation>>> buffers;
  std::map<const void*, int> allocate_counts;
  /// The instance each allocation in scope resolves to for this thread (cleared when one leaves
  /// scope).
  std::vector<std::pair<const Allocation*, Storage*>> storage_cache;
  Stmt current;   // the statement being executed, for messages
  Stmt intrinsic; // the intrinsic call whose expansion runs, for messages
  Stmt barrier;   // the barrier it waits at
  int pending_children = 0;
};

enum class Access : std::uint8_t { Read, Write, Atomic };

class Machine {
public:
  Machine(const Kernel& kernel, const Target& target, const RunOptions& options);
  ~Machine();
  void run(std::map<std::string, HostBuffer>& buffers,
           const std::map<std::string, ScalarValue>& scalars);

  // evaluate.cpp
  Value eval(const Expr& e, Thread& t, const LaneMask* active = nullptr);
  std::int64_t eval_int(const Expr& e, Thread& t);

  // memory.cpp
  Allocation& find_buffer(Thread& t, const std::string& name);
  Storage& instance(Thread& t, Allocation& allocation);
  Storage& find_or_create_instance(Thread& t, Allocation& allocation);
  /// Reads or writes element `indices` of the buffer, with bounds and race checks.
  Lane access(Thread& t, const std::string& buffer, Type element_type, const Indices& indices,
              Access kind, const Lane* value);
  std::shared_ptr<Allocation> allocate(Thread& t, const Allocate& node);
  void release(const Allocation& allocation);

  // execute.cpp
  void run_thread(Thread& t);

  // schedule.cpp
  void schedule();
  [[noreturn]] void fail(const Thread& t, const std::string& what) const;
  const ContextInfo& context(int id) const { return contexts_[static_cast<std::size_t>(id)]; }

private:
  friend struct Allocation;
  void start(Thread& t, const Stmt& s);
  void spawn(Thread& t, const For& loop, std::int64_t min, std::int64_t extent);
  void finish(Thread& t);
  void arrive_at_barrier(Thread& t, const Stmt& barrier);
  bool release_barriers();
  [[noreturn]] void report_stuck_barrier();
  int new_context(int parent, int spawn, std::int64_t iteration, std::int64_t value);
  int group_index(const GroupKey& key);
  bool ordered(int earlier, std::uint32_t time, int later) const;
  void check_race(Thread& t, Storage& s, std::int64_t flat, Access kind, const Indices& indices);
  SharingKey sharing_key(const Thread& t, const Allocation& allocation) const;
  Stmt expansion(Thread& t, const IntrinsicCall& call, const Stmt& self);
  std::string thread_label(int id) const;
  /// "blockIdx.x=1, threadIdx.x=5": the bound values leading to context `id` (built on demand).
  std::string coordinates(int id) const;

  const Kernel& kernel_;
  const Target& target_;
  RunOptions options_;
  std::map<std::tuple<MemoryScope, int, std::int64_t>, std::int64_t> used_bytes_;
  std::vector<ContextInfo> contexts_;
  std::vector<SpawnInfo> spawns_;
  std::vector<GroupState> groups_;
  std::map<GroupKey, int> group_indices_;
  std::uint32_t clock_ = 0;
  std::map<std::tuple<const void*, int, std::int64_t, int>, std::weak_ptr<Allocation>> allocations_;
  std::map<const void*, Stmt> expansions_;
  std::map<int, std::unique_ptr<Thread>> threads_;
  std::deque<int> runnable_;
};

} // namespace xir::interp::detail
