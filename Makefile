# Quick start on a fresh Debian 12 machine (as root):
#   make run    installs missing packages, builds, and builds the localized site into out/
#   make test   installs missing packages, builds, and runs every test (ctest)

BUILD_DIR ?= build
JOBS ?= $(shell nproc)

# Debian packages the build needs.
BUILD_PACKAGES := cmake g++ make pkg-config libicu-dev libpugixml-dev libcli11-dev \
  libtomlplusplus-dev nlohmann-json3-dev libsqlite3-dev libstemmer-dev libhunspell-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libmimalloc-dev python3
# What the checks and tests use at run time: dictionaries for the spelling check,
# xmllint for schema validation, Chromium and fonts for the browser test,
# Translate Toolkit and OmegaT for the interoperability tests.
TEST_PACKAGES := libxml2-utils hunspell-es hunspell-fr hunspell-de-de hunspell-pt-br hunspell-ar \
  chromium fonts-noto-core fonts-noto-cjk translate-toolkit omegat python3

.PHONY: all run test deps test-deps configure build sanitize pgo clean

all: build

# Installs, with apt-get, whichever of the listed packages are missing, and says which.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make: run as root, or install them yourself: apt-get install$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/l10n build

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: test-deps
	cmake -S . -B $(BUILD_DIR)-asan -DCMAKE_BUILD_TYPE=Debug -DL10N_SANITIZE=ON -DL10N_BUILD_BENCH=OFF -DL10N_TIMEOUT_SCALE=4
	cmake --build $(BUILD_DIR)-asan -j $(JOBS)
	cd $(BUILD_DIR)-asan && ctest --output-on-failure -j $(JOBS)

# A release build with GCC's profile-guided optimization, in $(BUILD_DIR)-pgo: built instrumented,
# trained on a generated corpus and the guide, and built again (bench/pgo_build.sh, about 4 min).
pgo: deps
	bench/pgo_build.sh $(BUILD_DIR)-pgo

clean:
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-asan $(BUILD_DIR)-pgo
