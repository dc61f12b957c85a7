// OpenSSL's libcrypto, for SHA-256 only (Sources/Hashing). Its EVP digest picks the CPU's
// SHA extensions when present: hashing every input file is on `rank`'s path.
#include <openssl/evp.h>
