// Threads and barriers: spawning bound/parallel loops as concurrent threads, barrier groups, and
// the phase loop (run every runnable thread until it stops, then release the complete groups).
#include "describe.hpp"
#include "machine.hpp"

namespace xir::interp::detail {
namespace {

constexpr std::size_t max_contexts = std::size_t{1} << 21;

} // namespace

Machine::Machine(const Kernel& kernel, const Target& target, const RunOptions& options)
    : kernel_(kernel), target_(target), options_(options) {}

Machine::~Machine() {
  // Allocations release their bytes into used_bytes_ while the threads go away.
  threads_.clear();
}

void Machine::fail(const Thread& t, const std::string& what) const {
  std::string message = what;
  if (t.current.defined())
    message += " in `" + describe(t.current) + "`";
  if (t.intrinsic.defined())
    message += " (expanding `" + describe(t.intrinsic) + "`)";
  const std::string label = coordinates(t.id);
  if (!label.empty())
    message += " [thread " + label + "]";
  throw Failure{message};
}

std::string Machine::coordinates(int id) const {
  const ContextInfo& c = context(id);
  if (c.spawn < 0)
    return "";
  std::string outer = coordinates(c.parent);
  const SpawnInfo& s = spawns_[static_cast<std::size_t>(c.spawn)];
  return outer + (outer.empty() ? "" : ", ") + s.name + "=" + std::to_string(c.value);
}

std::string Machine::thread_label(int id) const {
  const std::string label = coordinates(id);
  return label.empty() ? "the kernel's sequential part" : label;
}

int Machine::group_index(const GroupKey& key) {
  auto [it, inserted] = group_indices_.emplace(key, static_cast<int>(groups_.size()));
  if (inserted)
    groups_.push_back(GroupState{key, 0, 0, -1, 0, {}});
  return it->second;
}

int Machine::new_context(int parent, int spawn, std::int64_t iteration, std::int64_t value) {
  if (contexts_.size() >= max_contexts)
    throw Failure{"the launch creates more than " + std::to_string(max_contexts) + " threads"};
  const int id = static_cast<int>(contexts_.size());
  contexts_.push_back(ContextInfo{parent, spawn, iteration, value, {-1, -1, -1, -1}});
  auto spawn_of = [&](int c) -> const SpawnInfo* {
    int s = contexts_[static_cast<std::size_t>(c)].spawn;
    return s < 0 ? nullptr : &spawns_[static_cast<std::size_t>(s)];
  };
  std::array<int, 4> groups{-1, -1, -1, -1};
  auto set = [&](BarrierScope scope, int spawn_id, std::int64_t sub) {
    groups[static_cast<std::size_t>(scope)] = group_index(GroupKey{scope, spawn_id, sub});
  };
  // Block and warp: the threads under the outermost of the consecutive thread-axis loops.
  if (const SpawnInfo* s = spawn_of(id); s && is_thread_axis(s->axis)) {
    std::int64_t index[3] = {0, 0, 0}, extent[3] = {1, 1, 1};
    int outermost = id;
    for (int c = id; spawn_of(c) && is_thread_axis(spawn_of(c)->axis);
         c = contexts_[static_cast<std::size_t>(c)].parent) {
      int axis = static_cast<int>(spawn_of(c)->axis) - static_cast<int>(HardwareAxis::ThreadIdxX);
      index[axis] = contexts_[static_cast<std::size_t>(c)].iteration;
      extent[axis] = spawn_of(c)->extent;
      outermost = c;
    }
    int block_spawn = contexts_[static_cast<std::size_t>(outermost)].spawn;
    set(BarrierScope::Block, block_spawn, 0);
    std::int64_t linear = index[0] + extent[0] * (index[1] + extent[1] * index[2]);
    set(BarrierScope::Warp, block_spawn, linear / std::max(target_.warp_size, 1));
  }
  // Cluster: the cores of a coreId loop, or groups of cores_per_cluster consecutive tasks.
  if (const SpawnInfo* s = spawn_of(id); s && s->axis == HardwareAxis::CoreId) {
    int outermost = id;
    for (int c = id; spawn_of(c) && spawn_of(c)->axis == HardwareAxis::CoreId;
         c = contexts_[static_cast<std::size_t>(c)].parent)
      outermost = c;
    set(BarrierScope::Cluster, contexts_[static_cast<std::size_t>(outermost)].spawn, 0);
  } else if (s && s->axis == HardwareAxis::TaskId) {
    set(BarrierScope::Cluster, spawn, iteration / std::max(target_.cores_per_cluster, 1));
  }
  // All: every thread under the outermost bound loop.
  int all_spawn = -1;
  for (int c = id; c >= 0; c = contexts_[static_cast<std::size_t>(c)].parent)
    if (const SpawnInfo* s = spawn_of(c); s && s->kind == ForKind::Bound)
      all_spawn = contexts_[static_cast<std::size_t>(c)].spawn;
  if (all_spawn >= 0 && spawn_of(id) && spawn_of(id)->kind == ForKind::Bound)
    set(BarrierScope::All, all_spawn, 0);

  contexts_[static_cast<std::size_t>(id)].groups = groups;
  for (int g : groups)
    if (g >= 0)
      ++groups_[static_cast<std::size_t>(g)].live;
  return id;
}

void Machine::spawn(Thread& t, const For& loop, std::int64_t min, std::int64_t extent) {
  if (extent <= 0)
    return;
  if (loop.kind == ForKind::Bound) {
    std::optional<std::int64_t> limit = target_.axis_limit(loop.axis);
    if (!limit)
      fail(t, "hardware axis " + std::string(to_string(loop.axis)) + " does not exist on " +
                  target_.name);
    if (extent > *limit)
      fail(t, "loop bound to " + std::string(to_string(loop.axis)) + " has extent " +
                  std::to_string(extent) + ", more than the " + std::to_string(*limit) + " " +
                  target_.name + " allows");
    if (is_thread_axis(loop.axis)) {
      std::int64_t threads = extent;
      for (int c = t.id; context(c).spawn >= 0; c = context(c).parent) {
        const SpawnInfo& s = spawns_[static_cast<std::size_t>(context(c).spawn)];
        if (!is_thread_axis(s.axis))
          break;
        threads *= s.extent;
      }
      if (threads > target_.max_threads_per_block)
        fail(t, "a block of " + std::to_string(threads) + " threads exceeds the " +
                    std::to_string(target_.max_threads_per_block) + " threads per block of " +
                    target_.name);
    }
  }
  const int spawn_id = static_cast<int>(spawns_.size());
  spawns_.push_back(
      SpawnInfo{t.id, loop.kind, loop.axis, extent,
                loop.kind == ForKind::Bound ? std::string(to_string(loop.axis)) : loop.var});
  for (std::int64_t k = 0; k < extent; ++k) {
    int id = new_context(t.id, spawn_id, k, min + k);
    auto child = std::make_unique<Thread>();
    child->id = id;
    child->vars = t.vars;
    child->vars.push_back({loop.var, Value{loop.min.type(), {Lane{min + k, 0}}}});
    child->buffers = t.buffers;
    Frame body;
    body.stmt = loop.body;
    child->frames.push_back(std::move(body));
    threads_.emplace(id, std::move(child));
    runnable_.push_back(id);
  }
  // While its loop runs, the spawning thread is no member of its barrier groups: its children are.
  for (int g : context(t.id).groups)
    if (g >= 0)
      --groups_[static_cast<std::size_t>(g)].live;
  t.state = Thread::State::Waiting;
  t.pending_children = static_cast<int>(extent);
}

void Machine::finish(Thread& t) {
  t.state = Thread::State::Done;
  for (int g : context(t.id).groups) {
    if (g < 0)
      continue;
    GroupState& group = groups_[static_cast<std::size_t>(g)];
    --group.live;
    ++group.finished;
    group.last_finished = t.id;
  }
  const int parent = context(t.id).parent;
  threads_.erase(t.id);
  if (parent < 0)
    return;
  Thread& p = *threads_.at(parent);
  if (--p.pending_children == 0) {
    for (int g : context(parent).groups)
      if (g >= 0)
        ++groups_[static_cast<std::size_t>(g)].live;
    p.state = Thread::State::Runnable;
    runnable_.push_back(parent);
  }
}

void Machine::arrive_at_barrier(Thread& t, const Stmt& barrier) {
  int g = context(t.id).groups[static_cast<std::size_t>(barrier.as<Barrier>()->scope)];
  if (g < 0)
    return; // a thread alone in its scope passes straight through
  t.state = Thread::State::AtBarrier;
  t.barrier = barrier;
  groups_[static_cast<std::size_t>(g)].waiting.push_back(t.id);
}

bool Machine::release_barriers() {
  bool released = false;
  for (GroupState& group : groups_) {
    if (group.waiting.empty() || static_cast<int>(group.waiting.size()) != group.live ||
        group.finished > 0)
      continue;
    const Thread& first = *threads_.at(group.waiting.front());
    for (int id : group.waiting) {
      const Thread& other = *threads_.at(id);
      if (!other.barrier.same_as(first.barrier))
        fail(other, "divergent barriers: this thread waits here while thread (" +
                        thread_label(first.id) + ") waits at another barrier of the same scope");
    }
    ++clock_;
    group.last_release = clock_;
    for (int id : group.waiting) {
      Thread& waiter = *threads_.at(id);
      waiter.state = Thread::State::Runnable;
      waiter.barrier = Stmt();
      runnable_.push_back(id);
    }
    group.waiting.clear();
    released = true;
  }
  return released;
}

void Machine::report_stuck_barrier() {
  for (const GroupState& group : groups_) {
    if (group.waiting.empty())
      continue;
    const Thread& waiter = *threads_.at(group.waiting.front());
    const std::string scope(to_string(group.key.scope));
    if (group.finished > 0)
      fail(waiter, "barrier not reached by every thread of its " + scope + " scope: thread (" +
                       thread_label(group.last_finished) + ") finished without reaching it");
    for (const auto& [id, other] : threads_) {
      if (context(id).groups[static_cast<std::size_t>(group.key.scope)] !=
              context(waiter.id).groups[static_cast<std::size_t>(group.key.scope)] ||
          std::find(group.waiting.begin(), group.waiting.end(), id) != group.waiting.end())
        continue;
      fail(waiter, "barrier not reached by every thread of its " + scope + " scope: thread (" +
                       thread_label(id) + ") waits at `" + describe(other->barrier) + "` instead");
    }
  }
  throw Failure{"the launch deadlocked: threads wait for each other at barriers"};
}

void Machine::schedule() {
  while (true) {
    while (!runnable_.empty()) {
      int id = runnable_.front();
      runnable_.pop_front();
      auto it = threads_.find(id);
      if (it == threads_.end() || it->second->state != Thread::State::Runnable)
        continue;
      run_thread(*it->second);
    }
    if (threads_.empty())
      return;
    if (!release_barriers())
      report_stuck_barrier();
  }
}

} // namespace xir::interp::detail
