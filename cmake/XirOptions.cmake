# Warning and sanitizer flags shared by every xir target (link xir_options).
add_library(xir_options INTERFACE)
target_compile_options(xir_options INTERFACE -Wall -Wextra -Wno-unused-parameter)
if(XIR_WERROR)
  target_compile_options(xir_options INTERFACE -Werror)
endif()
if(XIR_SANITIZE)
  target_compile_options(xir_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                               -fno-sanitize-recover=undefined)
  target_link_options(xir_options INTERFACE -fsanitize=address,undefined)
endif()
install(TARGETS xir_options EXPORT xirTargets)
