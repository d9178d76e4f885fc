// __shared__ storage: one block runs at a time on a host thread and its fibers share that
// thread's thread_local storage, so a static thread_local is exactly per-block memory.
#pragma once

#define __shared__ static thread_local
