# SafePost: `make run` starts the app, `make test` runs every check.
# Both install what they need on a fresh Debian/Ubuntu machine, and are quiet
# when it is already there.

GO        ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
GOBIN     ?= $(shell $(GO) env GOPATH)/bin
STATICCHECK_VERSION ?= v0.8.2
# Tesseract's OpenMP threads fight on small machines; SafePost parallelises
# with one client per goroutine instead.
export OMP_THREAD_LIMIT = 1
export LANG ?= en_GB.UTF-8

# libheif-dev provides libheif.so, which github.com/gen2brain/heic loads at
# run time to decode iPhone photos (HEIC); without it a bundled WebAssembly
# libheif is used, several times slower. (libheif-examples' heif-enc is only
# needed to regenerate internal/imageio's HEIC fixtures.)
APT_PACKAGES = \
	gcc pkg-config \
	libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng \
	libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev \
	xvfb xdotool imagemagick \
	libheif-dev \
	fonts-dejavu-core fonts-liberation2 fonts-humor-sans fonts-comic-neue fonts-freefont-ttf

# The peer acceptance set, when it sits beside the project.
PRESIDIO_DIR := $(abspath ../shared/testdata/external/presidio)
ifneq ($(wildcard $(PRESIDIO_DIR)/expected.json),)
export SAFEPOST_PRESIDIO_DIR ?= $(PRESIDIO_DIR)
endif
# The real images with ground truth (internal/acceptance/real_test.go).
REAL_DIR := $(abspath ../shared/testdata/real)
ifneq ($(wildcard $(REAL_DIR)/*.json),)
export SAFEPOST_REAL_DIR ?= $(REAL_DIR)
endif

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps gomod tools lint build bench fuzz clean package windows windows-test

run: deps gomod
	$(GO) run ./cmd/safepost $(ARGS)

build: deps gomod
	$(GO) build -o bin/safepost ./cmd/safepost

test: deps gomod tools lint
	$(GO) test -race -timeout 60m ./...
	cd internal/earlylocale && $(GO) test ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GOBIN)/staticcheck ./...

bench: build
	./bin/safepost bench

# `make package` writes bin/SafePost.tar.xz, a Linux package (binary, icon,
# .desktop entry and a Makefile that installs them). fyne package reads
# FyneApp.toml only from the directory it builds (cmd/safepost) and rewrites
# its Build number on every run, so the one FyneApp.toml stays at the root
# (where `go run` finds it) and its details are passed as flags; fyneDo =
# true there is the migrated_fynedo tag here.
FYNE_VERSION = $(shell $(GO) list -m -f '{{.Version}}' fyne.io/fyne/v2)
fyneapp = $(shell sed -n 's/^$(1) *= *"\{0,1\}\([^"]*\)"\{0,1\} *$$/\1/p' FyneApp.toml)

package: deps gomod
	@[ -x $(GOBIN)/fyne ] || $(GO) install fyne.io/fyne/v2/cmd/fyne@$(FYNE_VERSION)
	@mkdir -p bin
	cd bin && $(GOBIN)/fyne package -os linux -release -src $(CURDIR)/cmd/safepost \
	  -icon $(CURDIR)/$(call fyneapp,Icon) -name '$(call fyneapp,Name)' -appID '$(call fyneapp,ID)' \
	  -appVersion '$(call fyneapp,Version)' -appBuild '$(call fyneapp,Build)' -tags migrated_fynedo
	@echo "Linux package: bin/$(call fyneapp,Name).tar.xz"

# `make windows` writes bin/windows/SafePost-win64.zip and bin/windows/SafePost.msi
# for 64-bit Windows, built here from Debian's packages and source packages
# (build/windows/build.sh: about 45 minutes cold on 2 cores, a minute or two
# once Leptonica, Tesseract and the cgo packages are cached in
# ~/.cache/safepost-windows). `make windows-test` runs the result under Wine
# on Xvfb and compares it with the Linux build. Neither is part of `make test`.
windows: gomod
	GO=$(GO) build/windows/build.sh all

windows-test: deps windows
	GO=$(GO) build/windows/test.sh

# Installs only the Debian packages that are missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:" $$missing; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi

gomod:
	@$(GO) mod download

tools:
	@[ -x $(GOBIN)/staticcheck ] || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

clean:
	rm -rf bin
