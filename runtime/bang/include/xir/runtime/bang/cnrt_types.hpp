// CNRT types (DIALECTS.md 1.3). They are declared outside the prelude's hidden region: an
// extern "C" entry point taking one of them must stay visible.
#pragma once

#include <functional>
#include <vector>

typedef enum {
  cnrtSuccess = 0,
  CNRT_RET_SUCCESS = 0,
  cnrtErrorArgsInvalid = 632015,
  CNRT_RET_ERR_INVALID = 632015,
  cnrtErrorNoMem = 632016,
  CNRT_RET_ERR_NOMEM = 632016,
  cnrtErrorQueue = 632017,
  CNRT_RET_ERR_QUEUE = 632017,
  cnrtErrorKernelLaunch = 632018, // a kernel of the queue failed; the message went to stderr
  CNRT_RET_ERR_INVOKE = 632018,
} cnrtRet_t;

typedef cnrtRet_t cnrtError_t;

typedef enum {
  CNRT_MEM_TRANS_DIR_HOST2DEV = 0,
  CNRT_MEM_TRANS_DIR_DEV2DEV = 1,
  CNRT_MEM_TRANS_DIR_DEV2HOST = 2,
  CNRT_MEM_TRANS_DIR_HOST2HOST = 3,
  CNRT_MEM_TRANS_DIR_PEER2PEER = 4,
  CNRT_MEM_TRANS_DIR_NODIR = 5,
  cnrtMemcpyHostToDev = 0,
  cnrtMemcpyDevToDev = 1,
  cnrtMemcpyDevToHost = 2,
  cnrtMemcpyHostToHost = 3,
  cnrtMemcpyPeerToPeer = 4,
  cnrtMemcpyNoDirection = 5,
} cnrtMemTransDir_t;

typedef enum {
  CNRT_FUNC_TYPE_BLOCK = 1,
  CNRT_FUNC_TYPE_BLOCK0 = 1,
  CNRT_FUNC_TYPE_BLOCK1 = 2,
  CNRT_FUNC_TYPE_UNION1 = 4,
  CNRT_FUNC_TYPE_UNION2 = 8,
  CNRT_FUNC_TYPE_UNION4 = 16,
  CNRT_FUNC_TYPE_UNION8 = 32,
  CNRT_FUNC_TYPE_UNION16 = 64,
  CNRT_FUNC_TYPE_MUTABLE = -1,
  cnrtFuncTypeBlock = 1,
  cnrtFuncTypeBlock0 = 1,
  cnrtFuncTypeBlock1 = 2,
  cnrtFuncTypeUnion1 = 4,
  cnrtFuncTypeUnion2 = 8,
  cnrtFuncTypeUnion4 = 16,
  cnrtFuncTypeUnion8 = 32,
  cnrtFuncTypeUnion16 = 64,
  cnrtFuncTypeMutable = -1,
} cnrtFunctionType_t;

typedef struct {
  unsigned int x, y, z;
} cnrtDim3_t;

struct cnrtQueue {
  std::vector<std::function<cnrtRet_t()>> pending;
  cnrtRet_t error = cnrtSuccess;
};
typedef cnrtQueue* cnrtQueue_t;
