# make                      build kubectl-probelint (release)
# make install              install what make built into $(PREFIX)/bin (PREFIX=/usr/local)
# make uninstall            remove it again
# make release              dist/ archive for krew + sha256 in plugins/probelint.yaml
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SWIFT ?= swift

.PHONY: all build install uninstall release test

all: build

build:
	$(SWIFT) build -c release --product kubectl-probelint

# install copies what `make` built and builds nothing, so that `sudo make install` needs no
# swift on root's PATH and leaves no root-owned .build/ behind.
BINARY = .build/release/kubectl-probelint

install:
	@test -x $(BINARY) || { echo "make install: $(BINARY) is not built: run make first (as yourself), then make install" >&2; exit 1; }
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 0755 $(BINARY) "$(DESTDIR)$(BINDIR)/kubectl-probelint"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/kubectl-probelint"

release:
	scripts/release

test:
	scripts/test
