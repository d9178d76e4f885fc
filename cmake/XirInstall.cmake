# `cmake --install` puts headers, libraries, tools and a CMake package (find_package(xir)).
include(CMakePackageConfigHelpers)
install(DIRECTORY include/xir DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT xirTargets NAMESPACE xir:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xir)
configure_package_config_file(cmake/xirConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/xirConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xir)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/xirConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/xirConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/xirConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xir)
