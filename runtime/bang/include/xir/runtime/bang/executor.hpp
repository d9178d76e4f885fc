// Executes one kernel launch: validates the task type against the grid, builds the clusters
// (4 MLU cores + 1 MPU each for UNION jobs, single cores for BLOCK tasks) with their arenas and
// barriers, and runs them group by group. Returns the first error, empty on success.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scheduler.hpp"
#include "sram_races.hpp"

namespace xir::bang {

// What the clusters of one running UNION group share: a barrier per cluster, the union-wide
// barriers, and every cluster's SRAM (the targets of SRAM2SRAM copies).
struct GroupContext {
  std::deque<Barrier> cluster;
  Barrier all, all_ipu, all_mpu;
  std::vector<Arena*> sram;
};

struct GroupResources {
  std::vector<std::unique_ptr<Arena>> nram, wram, sram;
  GroupContext context;
  SramPhaseLog sram_log;
};

inline GroupContext* current_group = nullptr;

inline std::string validate_shape(const LaunchShape& shape) {
  if (shape.dim_x == 0 || shape.dim_y == 0 || shape.dim_z == 0)
    return "the task dimension {" + std::to_string(shape.dim_x) + ", " +
           std::to_string(shape.dim_y) + ", " + std::to_string(shape.dim_z) + "} has a zero extent";
  if (!shape.is_union)
    return "";
  const unsigned per_group = shape.union_clusters * cores_per_cluster;
  if (shape.union_clusters > cluster_count)
    return "UNION" + std::to_string(shape.union_clusters) + " needs more clusters than " +
           arch_name() + " has (" + std::to_string(cluster_count) + ")";
  if (shape.dim_x % per_group != 0)
    return "a UNION" + std::to_string(shape.union_clusters) +
           " job needs dim.x to be a multiple of " + std::to_string(per_group) + ", got " +
           std::to_string(shape.dim_x);
  return "";
}

inline void fill_task_coordinates(Participant& p, const LaunchShape& shape, unsigned task) {
  p.task_id = task;
  p.task_id_x = task % shape.dim_x;
  p.task_id_y = task / shape.dim_x % shape.dim_y;
  p.task_id_z = task / (shape.dim_x * shape.dim_y);
}

inline std::string run_block_launch(LaunchState& launch, const std::function<void()>& body) {
  GroupResources resources;
  resources.nram.push_back(std::make_unique<Arena>(Space::nram));
  resources.wram.push_back(std::make_unique<Arena>(Space::wram));
  resources.sram.push_back(std::make_unique<Arena>(Space::sram)); // declarations only: unusable
  current_group = nullptr;
  for (unsigned task = 0; task < launch.shape.task_dim() && !launch.aborted; ++task) {
    Participant core;
    fill_task_coordinates(core, launch.shape, task);
    for (auto& arena : {resources.nram[0].get(), resources.wram[0].get(), resources.sram[0].get()})
      arena->forget_declarations();
    core.nram = resources.nram[0].get();
    core.wram = resources.wram[0].get();
    core.sram = resources.sram[0].get();
    std::vector<Participant*> group{&core};
    run_group(launch, group, body);
  }
  return launch.first_error;
}

inline std::string run_union_launch(LaunchState& launch, const std::function<void()>& body) {
  const LaunchShape& shape = launch.shape;
  const unsigned clusters_per_group = shape.union_clusters;
  const unsigned groups = shape.cluster_dim() / clusters_per_group;
  const unsigned members_per_cluster = cores_per_cluster + 1;
  GroupResources resources;
  for (unsigned i = 0; i < clusters_per_group * members_per_cluster; ++i) {
    resources.nram.push_back(std::make_unique<Arena>(Space::nram));
    resources.wram.push_back(std::make_unique<Arena>(Space::wram));
  }
  for (unsigned i = 0; i < clusters_per_group; ++i)
    resources.sram.push_back(std::make_unique<Arena>(Space::sram));

  for (unsigned group = 0; group < groups && !launch.aborted; ++group) {
    const unsigned first_cluster = group * clusters_per_group;
    GroupContext& group_context = resources.context;
    group_context.cluster.clear();
    group_context.sram.clear();
    const std::string union_scope = "the UNION" + std::to_string(clusters_per_group) +
                                    " group of clusters " + std::to_string(first_cluster) + "-" +
                                    std::to_string(first_cluster + clusters_per_group - 1);
    SramPhaseLog& log = resources.sram_log;
    log.per_cluster.assign(clusters_per_group, {});
    group_context.all =
        make_barrier("__sync_all", union_scope, clusters_per_group * members_per_cluster,
                     [&log] { log.end_phase_of_all(); });
    group_context.all_ipu =
        make_barrier("__sync_all_ipu", union_scope, clusters_per_group * cores_per_cluster,
                     [&log] { log.end_phase_of_kind(false); });
    group_context.all_mpu = make_barrier("__sync_all_mpu", union_scope, clusters_per_group,
                                         [&log] { log.end_phase_of_kind(true); });
    std::vector<Participant> members(clusters_per_group * members_per_cluster);
    std::vector<Participant*> group_members;
    for (unsigned c = 0; c < clusters_per_group; ++c) {
      const unsigned cluster = first_cluster + c;
      group_context.cluster.push_back(
          make_barrier("__sync_cluster", "cluster " + std::to_string(cluster), members_per_cluster,
                       [&log, c] { log.end_phase_of_cluster(c); }));
      resources.sram[c]->forget_declarations();
      group_context.sram.push_back(resources.sram[c].get());
      for (unsigned m = 0; m < members_per_cluster; ++m) {
        const unsigned index = c * members_per_cluster + m;
        Participant& p = members[index];
        p.is_mpu = m == cores_per_cluster;
        p.in_union = true;
        // The MPU reports the coordinates of its cluster's first core and coreId 0x80.
        fill_task_coordinates(p, shape, cluster * cores_per_cluster + (p.is_mpu ? 0 : m));
        p.cluster_id = cluster;
        p.cluster_in_union = c;
        p.core_id = p.is_mpu ? 0x80 : m;
        resources.nram[index]->forget_declarations();
        resources.wram[index]->forget_declarations();
        p.nram = resources.nram[index].get();
        p.wram = resources.wram[index].get();
        p.sram = resources.sram[c].get();
        group_members.push_back(&p);
      }
    }
    current_group = &group_context;
    current_sram_log = &log;
    run_group(launch, group_members, body);
    current_group = nullptr;
    current_sram_log = nullptr;
  }
  return launch.first_error;
}

// Runs `body` (the kernel applied to its arguments) on every task of the launch.
inline std::string execute_launch(const LaunchShape& shape, const std::function<void()>& body) {
  LaunchState launch;
  launch.shape = shape;
  if (std::string problem = validate_shape(shape); !problem.empty()) {
    launch.first_error = "error: kernel launch: " + problem;
    std::fprintf(stderr, "%s\n", launch.first_error.c_str());
    return launch.first_error;
  }
  current_launch = &launch;
  std::string error =
      shape.is_union ? run_union_launch(launch, body) : run_block_launch(launch, body);
  current_launch = nullptr;
  return error;
}

} // namespace xir::bang
