# make                      build kubectl-probelint (release)
# make install              install it into $(PREFIX)/bin (PREFIX=/usr/local)
# make uninstall            remove it again
# make release              dist/ archive for krew + sha256 in plugins/probelint.yaml
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SWIFT ?= swift

.PHONY: all build install uninstall release test

all: build

build:
	$(SWIFT) build -c release --product kubectl-probelint

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/kubectl-probelint" "$(DESTDIR)$(BINDIR)/kubectl-probelint"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/kubectl-probelint"

release:
	scripts/release

test:
	scripts/test
