/* OpenMP runtime declarations, so that files including <omp.h> parse. Lifted parallel loops are
   parallel IR loops whose threads are not numbered: the frontend rejects calls of these functions. */
#ifndef XIR_VNNI_OMP_H
#define XIR_VNNI_OMP_H

#ifdef __cplusplus
extern "C" {
#endif

int omp_get_num_threads(void);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
void omp_set_num_threads(int n);

#ifdef __cplusplus
}
#endif

#endif
