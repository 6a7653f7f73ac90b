#!/usr/bin/env bash
# Builds SafePost for 64-bit Windows on Debian, from Debian's binary and
# source packages only: static Leptonica and Tesseract cross-compiled with
# mingw-w64 (posix threads), then the Go program with cgo, then a portable
# zip and a per-user MSI in bin/windows/.
#
#   build/windows/build.sh [deps|libs|exe|package|all]   (default: all)
#
# The C libraries are built once into $SAFEPOST_WIN_CACHE (default
# ~/.cache/safepost-windows) and reused; delete that folder to rebuild them.
# Set SIGN_P12 and SIGN_PASS to sign the exes and the MSI with osslsigncode.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${SAFEPOST_WIN_CACHE:-$HOME/.cache/safepost-windows}
PREFIX=$CACHE/prefix
OUT=${SAFEPOST_WIN_OUT:-$ROOT/bin/windows}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
JOBS=${JOBS:-$(nproc)}
NICE=${NICE:-nice -n 10}
HOST=x86_64-w64-mingw32
CC_WIN=$HOST-gcc-posix
CXX_WIN=$HOST-g++-posix

# Win64 cannot keep the stack 32-byte aligned for AVX code (GCC bug 54412):
# unaligned vector moves avoid crashes in Tesseract's AVX2/FMA kernels.
# Leptonica without image libraries warns on every strip; failures still
# come back as return values, so its messages are turned off.
ALIGN='-Wa,-muse-unaligned-vector-move'
C_FLAGS="-O2 $ALIGN -DMINIMUM_SEVERITY=L_SEVERITY_NONE"
CXX_FLAGS="-O2 $ALIGN"

APT_PACKAGES="gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix cmake ninja-build
  dpkg-dev wixl zip imagemagick tesseract-ocr-eng osslsigncode"

log() { printf '== %s\n' "$*" >&2; }

deps() {
	local missing=() p
	for p in $APT_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if ((${#missing[@]})); then
		log "installing Debian packages: ${missing[*]}"
		local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
}

# Debian's source packages need a deb-src entry; add one beside the
# machine's own deb entries when there is none.
deb_src() {
	if ! grep -rqs '^\(Types:.*deb-src\|deb-src\)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		log "adding a deb-src entry for Debian's source packages"
		local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
		. /etc/os-release
		$sudo tee /etc/apt/sources.list.d/debian-src.sources >/dev/null <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $VERSION_CODENAME $VERSION_CODENAME-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
		$sudo apt-get update -qq
	fi
}

toolchain() {
	cat >"$CACHE/mingw.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $CC_WIN)
set(CMAKE_CXX_COMPILER $CXX_WIN)
set(CMAKE_RC_COMPILER $HOST-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$HOST $PREFIX)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF
}

# source NAME: unpacks Debian's source package NAME (with Debian's patches)
# into $CACHE/src/NAME and prints that folder.
source_pkg() {
	local name=$1 dir=$CACHE/src/$1
	if [ ! -d "$dir" ]; then
		deb_src
		mkdir -p "$CACHE/dl" "$CACHE/src"
		(cd "$CACHE/dl" && apt-get source --download-only "$name" >/dev/null 2>&1)
		local dsc
		dsc=$(ls "$CACHE"/dl/"$name"_*.dsc | tail -1)
		rm -rf "$dir.tmp"
		dpkg-source -x "$dsc" "$dir.tmp" >/dev/null 2>&1
		mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

cmake_common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF
	-DSW_BUILD=OFF -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON)

leptonica() {
	[ -f "$PREFIX/lib/libleptonica.a" ] && return
	local src t0=$SECONDS
	src=$(source_pkg leptonlib)
	log "building Leptonica (static, no image libraries)"
	rm -rf "$CACHE/build/leptonica"
	$NICE cmake -S "$src" -B "$CACHE/build/leptonica" "${cmake_common[@]}" \
		-DCMAKE_TOOLCHAIN_FILE="$CACHE/mingw.cmake" -DCMAKE_INSTALL_PREFIX="$PREFIX" \
		-DCMAKE_C_FLAGS="$C_FLAGS" -DBUILD_PROG=OFF \
		-DCMAKE_DISABLE_FIND_PACKAGE_GIF=ON -DCMAKE_DISABLE_FIND_PACKAGE_JPEG=ON \
		-DCMAKE_DISABLE_FIND_PACKAGE_PNG=ON -DCMAKE_DISABLE_FIND_PACKAGE_TIFF=ON \
		-DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON >"$CACHE/leptonica.log"
	$NICE cmake --build "$CACHE/build/leptonica" -j "$JOBS" >>"$CACHE/leptonica.log"
	cmake --install "$CACHE/build/leptonica" >>"$CACHE/leptonica.log"
	# gosseract links -lleptonica; the Windows build names it after its version.
	cp "$(ls "$PREFIX"/lib/libleptonica-*.a | head -1)" "$PREFIX/lib/libleptonica.a"
	log "Leptonica built in $((SECONDS - t0)) s"
}

tesseract() {
	[ -f "$PREFIX/lib/libtesseract.a" ] && return
	local src t0=$SECONDS
	src=$(source_pkg tesseract)
	# CMake links Ws2_32, which a case-sensitive file system does not have.
	sed -i 's/set(LIB_Ws2_32 Ws2_32)/set(LIB_Ws2_32 ws2_32)/' "$src/CMakeLists.txt"
	log "building Tesseract (static; no training tools, OpenMP, archive, curl, graphics)"
	rm -rf "$CACHE/build/tesseract"
	$NICE cmake -S "$src" -B "$CACHE/build/tesseract" "${cmake_common[@]}" \
		-DCMAKE_TOOLCHAIN_FILE="$CACHE/mingw.cmake" -DCMAKE_INSTALL_PREFIX="$PREFIX" \
		-DCMAKE_C_FLAGS="$C_FLAGS" -DCMAKE_CXX_FLAGS="$CXX_FLAGS" \
		-DLeptonica_DIR="$PREFIX/lib/cmake/leptonica" \
		-DBUILD_TRAINING_TOOLS=OFF -DBUILD_TESTS=OFF -DOPENMP_BUILD=OFF \
		-DDISABLE_ARCHIVE=ON -DDISABLE_CURL=ON -DGRAPHICS_DISABLED=ON \
		-DENABLE_LTO=OFF -DCOMPILER_SUPPORTS_MARCH_NATIVE=OFF \
		-DCMAKE_DISABLE_FIND_PACKAGE_TIFF=ON -DCMAKE_DISABLE_FIND_PACKAGE_OpenMP=ON \
		-DINSTALL_CONFIGS=OFF >"$CACHE/tesseract.log"
	$NICE cmake --build "$CACHE/build/tesseract" -j "$JOBS" --target libtesseract >>"$CACHE/tesseract.log"
	# Only the library is built (not the command-line program), so its
	# headers and archive are copied rather than installed.
	mkdir -p "$PREFIX/include/tesseract" "$PREFIX/lib"
	cp "$src"/include/tesseract/*.h "$CACHE"/build/tesseract/include/tesseract/*.h "$PREFIX/include/tesseract/"
	cp "$(find "$CACHE/build/tesseract" -name 'libtesseract*.a' | head -1)" "$PREFIX/lib/libtesseract.a"
	log "Tesseract built in $((SECONDS - t0)) s"
}

libs() {
	mkdir -p "$CACHE" "$PREFIX"
	toolchain
	leptonica
	tesseract
}

# The cgo flags are fixed: any change to them rebuilds every cgo package
# (Fyne's GLFW and gosseract, about 16 minutes on 2 cores).
goenv() {
	export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$CC_WIN CXX=$CXX_WIN
	export CGO_CFLAGS="-O2 -g $ALIGN" CGO_CXXFLAGS="-O2 -g $ALIGN"
	export CGO_CPPFLAGS="-I$PREFIX/include"
	export CGO_LDFLAGS="-L$PREFIX/lib -ltesseract -lleptonica -lws2_32 -static"
}

fyneapp() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" "$ROOT/FyneApp.toml"; }

# resources writes the icon, manifest and version information that Windows
# shows (Explorer, the taskbar, the file's properties) as a .syso file the
# Go linker picks up from cmd/safepost; it is removed after the build.
resources() {
	local dir=$CACHE/rsrc version build major minor patch
	version=$(fyneapp Version) build=$(fyneapp Build)
	IFS=. read -r major minor patch <<<"$version"
	mkdir -p "$dir"
	/usr/bin/convert "$ROOT/$(fyneapp Icon)" -define icon:auto-resize=256,64,48,32,16 "$dir/safepost.ico"
	cat >"$dir/safepost.manifest" <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="$(fyneapp ID)" version="$major.$minor.$patch.$build"/>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3"><security><requestedPrivileges>
    <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
  </requestedPrivileges></security></trustInfo>
  <application xmlns="urn:schemas-microsoft-com:asm.v3"><windowsSettings>
    <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true</dpiAware>
  </windowsSettings></application>
</assembly>
EOF
	cat >"$dir/safepost.rc" <<EOF
#include <winver.h>
1 ICON "safepost.ico"
1 24 "safepost.manifest"
VS_VERSION_INFO VERSIONINFO
FILEVERSION $major,$minor,$patch,$build
PRODUCTVERSION $major,$minor,$patch,$build
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080904b0"
    BEGIN
      VALUE "CompanyName", "SafePost"
      VALUE "FileDescription", "$(fyneapp Name): blurs patient information in photos"
      VALUE "FileVersion", "$version.$build"
      VALUE "ProductName", "$(fyneapp Name)"
      VALUE "ProductVersion", "$version"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x809, 1200
  END
END
EOF
	(cd "$dir" && $HOST-windres -O coff -o "$ROOT/cmd/safepost/rsrc_windows_amd64.syso" safepost.rc)
}

# exe builds SafePost.exe (a GUI program: no console window when
# double-clicked) and safepost-cli.exe (a console program, for check,
# redact and scripts) into $OUT.
exe() {
	local t0=$SECONDS
	goenv
	mkdir -p "$OUT"
	resources
	trap 'rm -f "$ROOT/cmd/safepost/rsrc_windows_amd64.syso"' EXIT
	log "building safepost-cli.exe and SafePost.exe"
	(cd "$ROOT" &&
		$NICE "$GO" build -trimpath -tags migrated_fynedo -ldflags '-s -w' -o "$OUT/safepost-cli.exe" ./cmd/safepost &&
		$NICE "$GO" build -trimpath -tags migrated_fynedo -ldflags '-s -w -H windowsgui' -o "$OUT/SafePost.exe" ./cmd/safepost)
	rm -f "$ROOT/cmd/safepost/rsrc_windows_amd64.syso"
	log "programs built in $((SECONDS - t0)) s"
}

# licenses collects every notice the parts of the Windows build require.
licenses() {
	local dir=$1
	rm -rf "$dir" && mkdir -p "$dir"
	local t=$dir/tesseract l=$dir/leptonica m=$dir/mingw-w64 h=$dir/libheif
	mkdir -p "$t" "$l" "$m" "$h" "$dir/tessdata-eng" "$dir/go" "$dir/go-modules"
	cp "$CACHE/src/tesseract/LICENSE" "$t/LICENSE.txt"
	cp "$CACHE/src/tesseract/debian/copyright" "$t/debian-copyright.txt"
	cp /usr/share/doc/tesseract-ocr-eng/copyright "$dir/tessdata-eng/debian-copyright.txt"
	cp "$CACHE/src/leptonlib/leptonica-license.txt" "$l/LICENSE.txt"
	cp "$CACHE/src/leptonlib/debian/copyright" "$l/debian-copyright.txt"
	# The C and C++ runtime (mingw-w64 CRT, winpthreads, libgcc, libstdc++)
	# is linked in statically.
	cp /usr/share/doc/mingw-w64-common/copyright "$m/mingw-w64-common.txt"
	cp /usr/share/doc/mingw-w64-x86-64-dev/copyright "$m/mingw-w64-x86-64-dev.txt"
	cp /usr/share/doc/gcc-mingw-w64-base/copyright "$m/gcc-runtime.txt"
	cp "$("$GO" env GOROOT)/LICENSE" "$dir/go/LICENSE.txt"
	# Every Go module linked in (Fyne's bundled fonts' licences are in
	# fyne.io_fyne_v2/theme/font).
	(cd "$ROOT" && "$GO" list -deps -tags migrated_fynedo -f '{{with .Module}}{{.Path}}@{{.Version}} {{.Dir}}{{end}}' ./cmd/safepost) |
		sort -u | while read -r mod mdir; do
			# SafePost's own modules (safepost, and earlylocale in
			# internal/) are not third-party parts.
			[ -n "$mdir" ] && [ "${mod%@*}" != safepost ] && [[ $mdir != "$ROOT"/* ]] || continue
			local d
			d=$dir/go-modules/$(printf '%s' "$mod" | tr '/' '_')
			mkdir -p "$d"
			find "$mdir" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' -o -iname 'NOTICE*' \) -exec cp {} "$d/" \;
			if [ "${mod%@*}" = fyne.io/fyne/v2 ]; then
				mkdir -p "$d/theme/font" && cp "$mdir"/theme/font/LICENSE* "$d/theme/font/"
			fi
		done
	local heic heicv heifv de265v
	heic=$(cd "$ROOT" && "$GO" list -m -f '{{.Dir}}' github.com/gen2brain/heic)
	heicv=$(cd "$ROOT" && "$GO" list -m -f '{{.Version}}' github.com/gen2brain/heic)
	heifv=$(sed -n 's/^LIBHEIF_VERSION = v//p' "$heic/lib/Makefile")
	de265v=$(sed -n 's/^LIBDE265_VERSION = v//p' "$heic/lib/Makefile")
	cp "$heic"/lib/LICENSE.libheif "$heic"/lib/LICENSE.libde265 "$heic"/lib/Makefile "$heic"/lib/heif.c "$h/"
	local source
	source=$(heif_source "$h" "$heifv" "$de265v")
	cat >"$dir/README.txt" <<EOF
Notices for SafePost for Windows
================================

SafePost.exe and safepost-cli.exe are one program linked statically from:

- Tesseract OCR 5.3.0 (Apache License 2.0), from Debian's source package
  tesseract 5.3.0 with Debian's patches: tesseract/.
- Tesseract's English model, tessdata/eng.traineddata (Apache License 2.0),
  from Debian's package tesseract-ocr-eng: tessdata-eng/.
- Leptonica 1.82.0 (BSD 2-clause), from Debian's source package leptonlib:
  leptonica/.
- The mingw-w64 C runtime and winpthreads, and GCC's libgcc and libstdc++
  (GPL 3 with the GCC Runtime Library Exception), from Debian's
  mingw-w64 and gcc-mingw-w64 packages: mingw-w64/.
- Go's runtime and standard library (BSD 3-clause): go/.
- The Go modules listed in go-modules/, one folder each with its licence.
  Fyne bundles fonts whose licences are in go-modules/fyne.io_fyne_v2*/
  theme/font/: Noto Sans (SIL Open Font Licence 1.1, LICENSE.txt), Inter
  (LICENSE_Inter.txt) and DejaVu Sans Mono Powerline
  (LICENSE_DejaVu-Powerline.txt); its emoji font is EmojiOne Color, whose
  artwork is by EmojiOne (CC BY 4.0).

HEIC photos: libheif and libde265 (GNU LGPL 3.0)
-----------------------------------------------
The Go module github.com/gen2brain/heic $heicv carries libheif $heifv and
libde265 $de265v compiled to WebAssembly, which SafePost runs in its own
sandbox (wazero) to decode HEIC photos. The LGPL's terms are met as follows:
- The libraries' licences, with the full texts of the GNU LGPL 3.0 and the
  GNU GPL 3.0, are in libheif/LICENSE.libheif and libheif/LICENSE.libde265.
- How the WebAssembly was built from the libraries' sources, with every
  change made to them (the sed lines), is in libheif/Makefile, and the small
  C file it adds is libheif/heif.c; both come from the module's lib/ folder.
  It was compiled with wasi-sdk's clang, a general-purpose compiler.
$source
- You may use your own build of libheif instead, without changing
  SafePost: put a libheif.dll (libheif 1.x, built with libde265) where
  Windows finds DLLs (beside SafePost.exe, or on PATH). SafePost loads it
  in preference to the built-in copy.
EOF
}

# heif_source copies the upstream source of the libheif and libde265 inside
# gen2brain/heic's WebAssembly into the notices, from $SAFEPOST_HEIF_SRC
# (default $CACHE/heif-src), and prints what licenses/README.txt says about
# it. Neither version is in Debian bookworm, and this machine reaches only
# Debian's archive, so the archives are put there by hand. A signed build is
# a release: it stops without them.
heif_source() {
	local h=$1 heifv=$2 de265v=$3 src=${SAFEPOST_HEIF_SRC:-$CACHE/heif-src}
	local heif=libheif-$heifv.tar.gz de265=libde265-$de265v.tar.gz
	local heif_url=https://github.com/strukturag/libheif/archive/refs/tags/v$heifv.tar.gz
	local de265_url=https://github.com/strukturag/libde265/archive/refs/tags/v$de265v.tar.gz
	if [ -f "$src/$heif" ] && [ -f "$src/$de265" ]; then
		mkdir -p "$h/source"
		cp "$src/$heif" "$src/$de265" "$h/source/"
		cat <<EOF
- The complete corresponding source of both libraries is in libheif/source/:
  $heif (sha256 $(sha256sum "$src/$heif" | cut -d' ' -f1))
  $de265 (sha256 $(sha256sum "$src/$de265" | cut -d' ' -f1))
  the sources at the git tags v$heifv and v$de265v that libheif/Makefile
  clones from github.com/strukturag. To build heif.wasm again, unpack them
  into folders named libheif and libde265 beside the Makefile and heif.c,
  run in them the sed lines of the Makefile's rules for those folders
  (make skips those rules when the folders exist), then run make with
  wasi-sdk in /opt/wasi-sdk.
EOF
		log "shipping the libheif and libde265 source from $src"
		return
	fi
	log "WARNING: $src lacks $heif and $de265: this zip and MSI do not carry the LGPL source" \
		"of the HEIC decoder and must not be given to anyone as they are ($heif_url, $de265_url)"
	if [ -n "${SIGN_P12:-}" ]; then
		log "a signed build is a release: put $heif and $de265 in $src first"
		return 1
	fi
	cat <<EOF
- THIS COPY DOES NOT CARRY THE SOURCE OF libheif $heifv AND libde265 $de265v.
  It is a test build: whoever gives it to anyone else must give them the
  complete corresponding source too, with it or from the same place:
  $heif_url
  $de265_url
  (the git tags v$heifv and v$de265v that libheif/Makefile clones).
EOF
}

# sign signs a Windows file in place with osslsigncode when SIGN_P12 and
# SIGN_PASS are set.
sign() {
	[ -n "${SIGN_P12:-}" ] || return 0
	local f=$1
	osslsigncode sign -pkcs12 "$SIGN_P12" -pass "${SIGN_PASS:-}" -n "$(fyneapp Name)" \
		-h sha256 -in "$f" -out "$f.signed" >/dev/null
	mv "$f.signed" "$f"
	log "signed $(basename "$f")"
}

# package lays out the portable folder and writes the zip and the MSI.
package() {
	local stage=$CACHE/stage/SafePost name version
	name=$(fyneapp Name) version=$(fyneapp Version)
	goenv # go list must see Windows' packages
	rm -rf "$CACHE/stage" && mkdir -p "$stage/tessdata"
	sign "$OUT/SafePost.exe"
	sign "$OUT/safepost-cli.exe"
	cp "$OUT/SafePost.exe" "$OUT/safepost-cli.exe" "$stage/"
	cp /usr/share/tesseract-ocr/5/tessdata/eng.traineddata "$stage/tessdata/"
	licenses "$stage/licenses"
	rm -f "$OUT/$name-win64.zip"
	(cd "$CACHE/stage" && zip -qr9 "$OUT/$name-win64.zip" SafePost)
	log "wrote $OUT/$name-win64.zip ($(du -h "$OUT/$name-win64.zip" | cut -f1))"
	msi "$stage" "$version"
}

# msi writes a per-user MSI: installed under %LOCALAPPDATA%\Programs\SafePost
# with a Start-menu shortcut, no elevation (InstallScope perUser).
msi() {
	# wixl takes the files' paths relative to the .wxs file.
	local stage=$1 version=$2 wxs=$CACHE/stage/safepost.wxs
	cp "$CACHE/rsrc/safepost.ico" "$CACHE/stage/"
	# wixl wants one component per file; a stable GUID per path keeps
	# upgrades clean.
	local i=0 r=0 f rel
	guid() { printf '%s' "$1" | md5sum | sed 's/^\(.\{8\}\)\(.\{4\}\).\(.\{3\}\).\(.\{3\}\)\(.\{12\}\).*/\1-\2-4\3-8\4-\5/'; }
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">'
		echo "  <Product Id=\"*\" Name=\"SafePost\" Language=\"2057\" Version=\"$version\" Manufacturer=\"SafePost\" UpgradeCode=\"$(guid safepost-upgrade)\">"
		echo '    <Package InstallerVersion="500" Compressed="yes" InstallScope="perUser" Description="SafePost: blurs patient information in photos"/>'
		echo '    <MajorUpgrade DowngradeErrorMessage="A newer SafePost is already installed."/>'
		echo '    <Media Id="1" Cabinet="safepost.cab" EmbedCab="yes"/>'
		echo '    <Icon Id="SafePost.ico" SourceFile="safepost.ico"/>'
		echo '    <Property Id="ARPPRODUCTICON" Value="SafePost.ico"/>'
		echo '    <Directory Id="TARGETDIR" Name="SourceDir">'
		echo '      <Directory Id="LocalAppDataFolder"><Directory Id="ProgramsDir" Name="Programs"><Directory Id="INSTALLDIR" Name="SafePost">'
		emit_dir() {
			local d=$1 indent=$2 e
			# Per-user folders must be removed on uninstall (ICE64).
			r=$((r + 1))
			echo "$indent<Component Id=\"r$r\" Guid=\"$(guid "dir:${d#"$stage"}")\"><RegistryValue Root=\"HKCU\" Key=\"Software\\SafePost\\Folders\" Name=\"${d#"$stage"}/\" Type=\"integer\" Value=\"1\" KeyPath=\"yes\"/><RemoveFolder Id=\"rm$r\" On=\"uninstall\"/></Component>"
			for e in "$d"/*; do
				[ -e "$e" ] || continue # an empty folder
				rel=${e#"$stage"/}
				if [ -d "$e" ]; then
					echo "$indent<Directory Id=\"d$(guid "$rel" | tr -d -)\" Name=\"$(basename "$e")\">"
					emit_dir "$e" "$indent  "
					echo "$indent</Directory>"
				else
					i=$((i + 1))
					echo "$indent<Component Id=\"c$i\" Guid=\"$(guid "$rel")\"><RegistryValue Root=\"HKCU\" Key=\"Software\\SafePost\\Files\" Name=\"$rel\" Type=\"integer\" Value=\"1\" KeyPath=\"yes\"/><File Id=\"f$i\" Source=\"SafePost/$rel\"/></Component>"
				fi
			done
		}
		emit_dir "$stage" '          '
		echo '      </Directory></Directory></Directory>'
		echo '      <Directory Id="ProgramMenuFolder">'
		echo "        <Component Id=\"cshortcut\" Guid=\"$(guid shortcut)\"><Shortcut Id=\"startmenu\" Name=\"SafePost\" Description=\"Blur patient information in photos\" Target=\"[INSTALLDIR]SafePost.exe\" WorkingDirectory=\"INSTALLDIR\" Icon=\"SafePost.ico\"/><RegistryValue Root=\"HKCU\" Key=\"Software\\SafePost\" Name=\"shortcut\" Type=\"integer\" Value=\"1\" KeyPath=\"yes\"/></Component>"
		echo '      </Directory>'
		echo '    </Directory>'
		echo '    <Feature Id="Main" Title="SafePost" Level="1">'
		for ((f = 1; f <= i; f++)); do echo "      <ComponentRef Id=\"c$f\"/>"; done
		for ((f = 1; f <= r; f++)); do echo "      <ComponentRef Id=\"r$f\"/>"; done
		echo '      <ComponentRef Id="cshortcut"/>'
		echo '    </Feature>'
		echo '  </Product>'
		echo '</Wix>'
	} >"$wxs"
	rm -f "$OUT/SafePost.msi"
	wixl -a x64 -o "$OUT/SafePost.msi" "$wxs" 2>&1 | { grep -v '^$' || true; }
	[ -f "$OUT/SafePost.msi" ]
	sign "$OUT/SafePost.msi"
	log "wrote $OUT/SafePost.msi ($(du -h "$OUT/SafePost.msi" | cut -f1))"
}

case "${1:-all}" in
env) goenv; return 0 2>/dev/null || exit 0 ;; # sourced by test.sh
deps) deps ;;
libs) deps; libs ;;
exe) deps; libs; exe ;;
package) package ;;
all) deps; libs; exe; package ;;
*) echo "usage: $0 [deps|libs|exe|package|all]" >&2; exit 2 ;;
esac
