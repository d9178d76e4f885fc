// Declarations of the CNRT host API (DIALECTS.md 1.3), for parsing BANG C files with Clang.
#pragma once

#include "xir_bang_attributes.h"

typedef __SIZE_TYPE__ size_t;

typedef enum cnrtRet { cnrtSuccess = 0, CNRT_RET_SUCCESS = 0, cnrtErrorNoMem = 1, cnrtErrorInvalidValue = 2 } cnrtRet_t;
typedef struct cnrtQueue *cnrtQueue_t;
typedef struct cnrtNotifier *cnrtNotifier_t;

struct cnrtDim3_t {
  unsigned int x, y, z;
};

// Enumerator values equal the core count of the job (BLOCK: one core).
typedef enum cnrtFunctionType {
  CNRT_FUNC_TYPE_BLOCK = 1, CNRT_FUNC_TYPE_BLOCK0 = 1, CNRT_FUNC_TYPE_UNION1 = 4, CNRT_FUNC_TYPE_UNION2 = 8,
  CNRT_FUNC_TYPE_UNION4 = 16, CNRT_FUNC_TYPE_UNION8 = 32, CNRT_FUNC_TYPE_UNION16 = 64,
  cnrtFuncTypeBlock = 1, cnrtFuncTypeUnion1 = 4, cnrtFuncTypeUnion2 = 8, cnrtFuncTypeUnion4 = 16,
  cnrtFuncTypeUnion8 = 32, cnrtFuncTypeUnion16 = 64
} cnrtFunctionType_t;

typedef enum cnrtMemTransDir {
  CNRT_MEM_TRANS_DIR_HOST2DEV = 0, CNRT_MEM_TRANS_DIR_DEV2DEV = 1, CNRT_MEM_TRANS_DIR_DEV2HOST = 2,
  CNRT_MEM_TRANS_DIR_HOST2HOST = 3,
  cnrtMemcpyHostToDev = 0, cnrtMemcpyDevToDev = 1, cnrtMemcpyDevToHost = 2, cnrtMemcpyHostToHost = 3,
  cnrtMemcpyPeerToPeer = 4, cnrtMemcpyNoDirection = 5
} cnrtMemTransDir_t;
typedef cnrtMemTransDir_t cnrtMemcpyType_t;

extern "C" {
cnrtRet_t cnrtInit(unsigned int flags);
void cnrtDestroy(void);
cnrtRet_t cnrtSetDevice(int device);
cnrtRet_t cnrtGetDevice(int *device);
cnrtRet_t cnrtMalloc(void **ptr, size_t bytes);
cnrtRet_t cnrtFree(void *ptr);
cnrtRet_t cnrtMemcpy(void *dst, void *src, size_t bytes, cnrtMemTransDir_t dir);
cnrtRet_t cnrtMemcpyAsync(void *dst, void *src, size_t bytes, cnrtQueue_t queue, cnrtMemTransDir_t dir);
cnrtRet_t cnrtMemset(void *ptr, int value, size_t bytes);
cnrtRet_t cnrtQueueCreate(cnrtQueue_t *queue);
cnrtRet_t cnrtQueueDestroy(cnrtQueue_t queue);
cnrtRet_t cnrtQueueSync(cnrtQueue_t queue);
cnrtRet_t cnrtCreateQueue(cnrtQueue_t *queue);
cnrtRet_t cnrtDestroyQueue(cnrtQueue_t queue);
cnrtRet_t cnrtSyncQueue(cnrtQueue_t queue);
cnrtRet_t cnrtSyncDevice(void);
cnrtRet_t cnrtGetLastError(void);
const char *cnrtGetErrorStr(cnrtRet_t error);
// The launch `kernel<<<dim, function_type, queue>>>(...)` in Clang's CUDA mode.
int __cudaPushCallConfiguration(cnrtDim3_t dim, cnrtFunctionType_t type, cnrtQueue_t queue = 0);
}
template <class T> cnrtRet_t cnrtMalloc(T **ptr, size_t bytes) { return cnrtMalloc((void **)ptr, bytes); }
