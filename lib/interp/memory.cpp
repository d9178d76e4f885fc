// Buffers: parameters and allocation instances (per block, cluster or thread as the target's
// scope says), bounds checks, capacity accounting and race detection.
#include <algorithm>
#include <cmath>
#include <limits>

#include "describe.hpp"
#include "machine.hpp"

namespace xir::interp::detail {
namespace {

template <class V> std::string join(const V& v) {
  std::string s;
  for (std::int64_t x : v)
    s += (s.empty() ? "" : ", ") + std::to_string(x);
  return s;
}

bool is_private(ScopeSharing sharing) {
  return sharing == ScopeSharing::Thread;
}

} // namespace

std::int64_t Storage::element_count() const {
  std::int64_t n = 1;
  for (std::int64_t e : shape)
    n *= e;
  return n;
}

Allocation::~Allocation() {
  if (machine)
    machine->release(*this);
}

void Machine::release(const Allocation& allocation) {
  const MemoryScopeInfo* info = target_.scope(allocation.buffer.scope);
  if (!info)
    return;
  for (const auto& [key, storage] : allocation.instances) {
    auto it = used_bytes_.find({allocation.buffer.scope, key.first, key.second});
    if (it == used_bytes_.end())
      continue;
    std::int64_t bytes = static_cast<std::int64_t>(storage->owned.size());
    std::int64_t align = std::max(info->alignment_bytes, 1);
    it->second -= (bytes + align - 1) / align * align;
  }
}

Allocation& Machine::find_buffer(Thread& t, const std::string& name) {
  for (auto it = t.buffers.rbegin(); it != t.buffers.rend(); ++it)
    if (it->first == name)
      return *it->second;
  fail(t, "buffer `" + name + "` is not declared here");
}

// The unit that shares one instance of `allocation` with thread `t`.
SharingKey Machine::sharing_key(const Thread& t, const Allocation& allocation) const {
  if (allocation.is_parameter)
    return {-1, 0};
  const MemoryScopeInfo* info = target_.scope(allocation.buffer.scope);
  ScopeSharing sharing = info ? info->shared_by : ScopeSharing::Thread;
  auto spawned_by = [&](int id) -> const SpawnInfo* {
    int s = context(id).spawn;
    return s < 0 ? nullptr : &spawns_[static_cast<std::size_t>(s)];
  };
  switch (sharing) {
  case ScopeSharing::Launch:
    return {allocation.declaring_context, 0};
  case ScopeSharing::Thread:
    return {t.id, 0};
  case ScopeSharing::Block: {
    int c = t.id;
    while (const SpawnInfo* s = spawned_by(c)) {
      if (!is_thread_axis(s->axis))
        break;
      c = context(c).parent;
    }
    return {c, 0};
  }
  case ScopeSharing::Cluster: {
    int c = t.id;
    while (const SpawnInfo* s = spawned_by(c)) {
      if (s->axis != HardwareAxis::CoreId)
        break;
      c = context(c).parent;
    }
    if (c == t.id)
      if (const SpawnInfo* s = spawned_by(c); s && s->axis == HardwareAxis::TaskId)
        return {context(c).parent, context(c).iteration / std::max(target_.cores_per_cluster, 1)};
    return {c, 0};
  }
  }
  return {t.id, 0};
}

Storage& Machine::instance(Thread& t, Allocation& allocation) {
  for (const auto& [cached, storage] : t.storage_cache)
    if (cached == &allocation)
      return *storage;
  Storage& s = find_or_create_instance(t, allocation);
  t.storage_cache.emplace_back(&allocation, &s);
  return s;
}

Storage& Machine::find_or_create_instance(Thread& t, Allocation& allocation) {
  SharingKey key = sharing_key(t, allocation);
  auto it = allocation.instances.find(key);
  if (it != allocation.instances.end())
    return *it->second;

  const Buffer& b = allocation.buffer;
  auto storage = std::make_unique<Storage>();
  storage->name = b.name;
  storage->dtype = b.dtype;
  storage->scope = b.scope;
  storage->shape = allocation.shape;
  const std::int64_t bytes = storage->element_count() * b.dtype.bytes();
  const MemoryScopeInfo* info = target_.scope(b.scope);
  if (info && info->capacity_bytes > 0) {
    std::int64_t align = std::max(info->alignment_bytes, 1);
    std::int64_t& used = used_bytes_[{b.scope, key.first, key.second}];
    std::int64_t rounded = (bytes + align - 1) / align * align;
    if (used + rounded > info->capacity_bytes) {
      const char* unit = info->shared_by == ScopeSharing::Block     ? "block"
                         : info->shared_by == ScopeSharing::Cluster ? "cluster"
                                                                    : "thread";
      fail(t, "allocation of `" + b.name + "` (" + std::to_string(bytes) + " bytes in " +
                  std::string(to_string(b.scope)) + ") exceeds the " +
                  std::string(to_string(b.scope)) + " capacity of " + target_.name + ": " +
                  std::to_string(info->capacity_bytes) + " bytes per " + unit + ", " +
                  std::to_string(used) + " already in use");
    }
    used += rounded;
  }
  storage->owned.resize(static_cast<std::size_t>(bytes));
  storage->data = storage->owned.data();
  // Contents are undefined on entry: poison them so a read before a write shows up as NaN or a
  // recognisable pattern rather than a plausible zero.
  Lane poison{static_cast<std::int64_t>(0xCDCDCDCDCDCDCDCDull),
              std::numeric_limits<double>::quiet_NaN()};
  for (std::int64_t i = 0; i < storage->element_count(); ++i)
    write_element(b.dtype.kind, storage->data + i * b.dtype.bytes(), poison);
  if (options_.detect_races && !(info && is_private(info->shared_by)))
    storage->shadow.resize(static_cast<std::size_t>(storage->element_count()));
  return *allocation.instances.emplace(key, std::move(storage)).first->second;
}

std::shared_ptr<Allocation> Machine::allocate(Thread& t, const Allocate& node) {
  const Buffer& b = node.buffer;
  const MemoryScopeInfo* info = target_.scope(b.scope);
  if (!info)
    fail(t, "buffer `" + b.name + "` is allocated in " + std::string(to_string(b.scope)) +
                ", a scope " + target_.name + " does not have");
  std::vector<std::int64_t> shape;
  for (const Expr& e : b.shape) {
    std::int64_t extent = eval_int(e, t);
    if (extent < 0)
      fail(t, "buffer `" + b.name + "` has negative extent " + std::to_string(extent));
    shape.push_back(extent);
  }
  constexpr std::int64_t max_bytes = std::int64_t{1} << 32;
  std::int64_t bytes = b.dtype.bytes();
  for (std::int64_t extent : shape) {
    if (extent != 0 && bytes > max_bytes / extent)
      fail(t, "buffer `" + b.name + "` is larger than the 4 GiB the interpreter allocates");
    bytes *= extent;
  }
  // Threads that execute the same Allocate for the same sharing unit get the same allocation;
  // the per-thread count of executions tells loop iterations apart.
  int count = t.allocate_counts[&node]++;
  Allocation probe;
  probe.buffer = b;
  probe.declaring_context = t.id;
  SharingKey key = sharing_key(t, probe);
  auto table_key = std::make_tuple(static_cast<const void*>(&node), key.first, key.second, count);
  if (auto existing = allocations_[table_key].lock())
    return existing;
  auto allocation = std::make_shared<Allocation>();
  allocation->buffer = b;
  allocation->declaring_context = t.id;
  allocation->shape = std::move(shape);
  allocation->machine = this;
  allocations_[table_key] = allocation;
  return allocation;
}

Lane Machine::access(Thread& t, const std::string& buffer, Type element_type,
                     const Indices& indices, Access kind, const Lane* value) {
  Allocation& allocation = find_buffer(t, buffer);
  const char* verb = kind == Access::Read    ? "load"
                     : kind == Access::Write ? "store"
                                             : "atomic update";
  if (allocation.buffer.dtype != element_type)
    fail(t, std::string(verb) + " of " + to_string(element_type) + " from buffer `" + buffer +
                "` of " + to_string(allocation.buffer.dtype));
  Storage& s = instance(t, allocation);
  if (indices.size() != s.shape.size())
    fail(t, std::string(verb) + " of `" + buffer + "` with " + std::to_string(indices.size()) +
                " indices; the buffer has rank " + std::to_string(s.shape.size()));
  std::int64_t flat = 0;
  for (std::size_t d = 0; d < indices.size(); ++d) {
    if (indices[d] < 0 || indices[d] >= s.shape[d])
      fail(t, "out-of-bounds " + std::string(verb) + " of " + buffer + "[" + join(indices) +
                  "]: index " + std::to_string(indices[d]) + " of dimension " + std::to_string(d) +
                  " is outside [0, " + std::to_string(s.shape[d]) + ") (shape [" + join(s.shape) +
                  "])");
    flat = flat * s.shape[d] + indices[d];
  }
  if (!s.shadow.empty() && kind != Access::Atomic)
    check_race(t, s, flat, kind, indices);
  std::byte* p = s.data + flat * s.dtype.bytes();
  Lane old = read_element(s.dtype.kind, p);
  if (value)
    write_element(s.dtype.kind, p, *value);
  return old;
}

// True when an access by context `earlier` at clock `time` happens before the current access of
// context `later`: same context, one an ancestor of the other (a parent waits for its loop),
// contexts of different loop executions (those run one after the other), or a barrier that both
// take part in was released after the earlier access.
bool Machine::ordered(int earlier, std::uint32_t time, int later) const {
  if (earlier == later)
    return true;
  boost::container::small_vector<int, 8> chain_earlier;
  for (int c = earlier; c >= 0; c = context(c).parent) {
    if (c == later)
      return true;
    chain_earlier.push_back(c);
  }
  int child_of_common_later = -1;
  for (int c = later; c >= 0; c = context(c).parent) {
    auto it = std::find(chain_earlier.begin(), chain_earlier.end(), c);
    if (it != chain_earlier.end()) {
      if (it == chain_earlier.begin())
        return true; // earlier is an ancestor of later
      int child_of_common_earlier = *(it - 1);
      if (context(child_of_common_earlier).spawn != context(child_of_common_later).spawn)
        return true;
      break;
    }
    child_of_common_later = c;
  }
  const ContextInfo& a = context(earlier);
  const ContextInfo& b = context(later);
  for (std::size_t s = 0; s < a.groups.size(); ++s)
    if (a.groups[s] >= 0 && a.groups[s] == b.groups[s] &&
        groups_[static_cast<std::size_t>(a.groups[s])].last_release > time)
      return true;
  return false;
}

void Machine::check_race(Thread& t, Storage& s, std::int64_t flat, Access kind,
                         const Indices& indices) {
  Shadow& sh = s.shadow[static_cast<std::size_t>(flat)];
  auto report = [&](int other, const char* other_did) {
    fail(t, "data race on " + s.name + "[" + join(indices) + "] (" +
                std::string(to_string(s.scope)) +
                "): " + (kind == Access::Read ? "read" : "written") + " here while thread (" +
                thread_label(other) + ") " + other_did + " it in the same barrier phase");
  };
  if (sh.writer >= 0 && !ordered(sh.writer, sh.write_time, t.id))
    report(sh.writer, "wrote");
  if (kind == Access::Read) {
    if (sh.readers[0] == t.id) {
      sh.read_times[0] = clock_;
    } else if (sh.readers[1] == t.id) {
      sh.read_times[1] = clock_;
    } else {
      sh.readers[1] = sh.readers[0];
      sh.read_times[1] = sh.read_times[0];
      sh.readers[0] = t.id;
      sh.read_times[0] = clock_;
    }
    return;
  }
  for (std::size_t r = 0; r < 2; ++r)
    if (sh.readers[r] >= 0 && !ordered(sh.readers[r], sh.read_times[r], t.id))
      report(sh.readers[r], "read");
  sh.writer = t.id;
  sh.write_time = clock_;
  sh.readers = {-1, -1};
}

} // namespace xir::interp::detail
