/* The C interface between a library built by `xir-sim-cc --engine interp` and the engine that
   lifts its kernel file and runs the lifted entries on the reference interpreter. */
#ifndef XIR_INTERP_ENGINE_H
#define XIR_INTERP_ENGINE_H

#ifdef __cplusplus
extern "C" {
#endif

/* One kernel file as a generated library embeds it. `grid`, `block` and `shared_bytes` (dynamic
   shared memory) are the launch configuration of `<kernel>_launch` entries (device kernels); host
   entries carry their own. */
struct xir_interp_unit {
  const char *file_name; /* for diagnostics */
  const char *source;
  unsigned long source_size;
  const char *dialect; /* "cuda", "hip", "bang" or "vnni" */
  unsigned grid[3];
  unsigned block[3];
  unsigned long shared_bytes;
};

/* Lifts the unit's file (once per process and unit) and runs `entry` on the interpreter.
   `args[i]` points at the i-th C argument: at the pointer for a buffer parameter, at the value
   for a scalar. A `<kernel>_launch` entry names the device kernel `<kernel>`. On any error the
   message goes to stderr and the process exits with EXIT_FAILURE, as a corpus file's error
   check does when its runtime call fails. */
void xir_interp_call(const struct xir_interp_unit *unit, const char *entry, void **args);

#ifdef __cplusplus
}
#endif

#endif
