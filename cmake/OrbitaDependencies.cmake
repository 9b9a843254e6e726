# Third-party libraries, all from Debian 12 packages (scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Net NetSSL Util Crypto)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(spdlog REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LUA REQUIRED IMPORTED_TARGET lua5.4)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(ZLIB REQUIRED)
find_package(SOCI REQUIRED)
find_package(PhoneNumber REQUIRED)
find_package(date REQUIRED)
# Boost.DLL (header-only with BOOST_DLL_USE_STD_FS) loads plugin libraries.
find_package(Boost 1.74 REQUIRED)

find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp REQUIRED)
add_library(valijson INTERFACE)
target_include_directories(valijson SYSTEM INTERFACE ${VALIJSON_INCLUDE_DIR})

if(ORBITA_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
