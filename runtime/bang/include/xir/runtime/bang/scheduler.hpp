// Runs the participants of one scheduling group (a BLOCK task, or the clusters of one UNION<N>
// group with their MPUs) as fibers until all return. Fibers switch only at barriers; the order
// alternates between rounds (MLU cores high-to-low then MPUs, MPUs then cores low-to-high) so
// that a missing barrier between a producer and a consumer changes the result. When no fiber
// can run and some wait, the barrier deadlocked: it is reported and the launch aborts.
#pragma once

#include <algorithm>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "launch_state.hpp"

namespace xir::bang {

inline void complete_pending_copies(Participant& p) {
  auto copies = std::move(p.pending_copies);
  p.pending_copies.clear();
  for (auto& copy : copies)
    copy();
}

// Counts the running participant's arrival at `barrier` (its earlier async copies complete
// first); the arrival that completes the phase releases the waiters. Returns the phase arrived in.
inline unsigned arrive(Barrier& barrier) {
  Participant& self = *current_participant;
  complete_pending_copies(self);
  asm volatile("" ::: "memory");
  if (self.launch->aborted)
    throw LaunchAborted{};
  const unsigned phase = barrier.phase;
  barrier.arrived.push_back(&self);
  if (barrier.arrived.size() == barrier.expected) {
    barrier.arrived.clear();
    barrier.phase++;
    for (Participant* waiter : barrier.waiting) {
      waiter->state = ParticipantState::ready;
      waiter->waiting_on = nullptr;
    }
    barrier.waiting.clear();
    if (barrier.on_complete)
      barrier.on_complete();
  }
  return phase;
}

// Blocks the running participant until phase `phase` of `barrier` has completed.
inline void wait_for_phase(Barrier& barrier, unsigned phase, SourceLoc loc) {
  Participant& self = *current_participant;
  while (barrier.phase == phase) {
    barrier.waiting.push_back(&self);
    self.state = ParticipantState::waiting;
    self.waiting_on = &barrier;
    self.wait_loc = loc;
    self.fiber->yield();
    current_participant = &self;
    if (self.launch->aborted)
      throw LaunchAborted{};
  }
  asm volatile("" ::: "memory");
}

inline void arrive_and_wait(Barrier& barrier, SourceLoc loc) {
  wait_for_phase(barrier, arrive(barrier), loc);
}

// Names each blocked barrier with the participants waiting at it, and who already returned.
inline std::string deadlock_message(const std::vector<Participant*>& participants) {
  std::vector<const Barrier*> barriers;
  const Participant* first_waiter = nullptr;
  std::string returned;
  for (const Participant* p : participants) {
    if (p->state == ParticipantState::waiting) {
      if (!first_waiter)
        first_waiter = p;
      if (std::find(barriers.begin(), barriers.end(), p->waiting_on) == barriers.end())
        barriers.push_back(p->waiting_on);
    } else if (p->state == ParticipantState::finished) {
      returned += (returned.empty() ? "" : ", ") + describe_participant(*p);
    }
  }
  std::string message;
  if (first_waiter && first_waiter->wait_loc.file)
    message += std::string(first_waiter->wait_loc.file) + ":" +
               std::to_string(first_waiter->wait_loc.line) + ": ";
  message += "error: " + std::string(first_waiter ? first_waiter->waiting_on->name : "barrier") +
             ": deadlock: the barrier can never complete;";
  for (const Barrier* barrier : barriers) {
    message += std::string(" waiting at ") + barrier->name + " of " + barrier->scope + " (" +
               std::to_string(barrier->arrived.size()) + " of " +
               std::to_string(barrier->expected) + " arrived):";
    for (const Participant* p : barrier->waiting)
      message += (p == barrier->waiting.front() ? " " : ", ") + describe_participant(*p);
    message += ";";
  }
  if (!returned.empty())
    message += " already returned from the kernel: " + returned;
  return message;
}

inline void run_participant_body(Participant& p, const std::function<void()>& kernel_body) {
  try {
    kernel_body();
    complete_pending_copies(p);
  } catch (const LaunchAborted&) {
  } catch (const std::exception& e) {
    try {
      fail({}, "kernel", std::string("uncaught C++ exception: ") + e.what());
    } catch (const LaunchAborted&) {
    }
  } catch (...) {
    try {
      fail({}, "kernel", "uncaught C++ exception");
    } catch (const LaunchAborted&) {
    }
  }
  p.state = ParticipantState::finished;
}

inline std::vector<Participant*> round_order(const std::vector<Participant*>& participants,
                                             unsigned round) {
  std::vector<Participant*> cores, mpus;
  for (Participant* p : participants)
    (p->is_mpu ? mpus : cores).push_back(p);
  std::vector<Participant*> order;
  if (round % 2 == 0) {
    order.assign(cores.rbegin(), cores.rend());
    order.insert(order.end(), mpus.begin(), mpus.end());
  } else {
    order = mpus;
    order.insert(order.end(), cores.begin(), cores.end());
  }
  return order;
}

// Runs every participant's fiber to completion (or to the abort of the launch).
inline void run_group(LaunchState& launch, std::vector<Participant*>& participants,
                      const std::function<void()>& kernel_body) {
  for (Participant* p : participants) {
    p->launch = &launch;
    p->state = ParticipantState::ready;
    p->fiber =
        std::make_unique<Fiber>([p, &kernel_body] { run_participant_body(*p, kernel_body); });
  }
  auto all_finished = [&] {
    return std::all_of(participants.begin(), participants.end(),
                       [](Participant* p) { return p->state == ParticipantState::finished; });
  };
  for (unsigned round = 0; !all_finished(); ++round) {
    bool progressed = false;
    for (Participant* p : round_order(participants, round)) {
      if (p->state != ParticipantState::ready)
        continue;
      if (launch.aborted && !p->fiber->started()) { // nothing to unwind: the task never ran
        p->state = ParticipantState::finished;
        continue;
      }
      if (launch.aborted)
        p->pending_copies.clear();
      current_participant = p;
      p->fiber->resume();
      current_participant = nullptr;
      progressed = true;
    }
    if (launch.aborted) {
      // Unwind the fibers still blocked at barriers: their wait throws LaunchAborted.
      for (Participant* p : participants)
        if (p->state == ParticipantState::waiting)
          p->state = ParticipantState::ready;
      continue;
    }
    if (!progressed) {
      const std::string message = deadlock_message(participants);
      std::fprintf(stderr, "%s\n", message.c_str());
      std::fflush(stderr);
      launch.aborted = true;
      launch.first_error = message;
    }
  }
  for (Participant* p : participants)
    p->fiber.reset();
}

} // namespace xir::bang
