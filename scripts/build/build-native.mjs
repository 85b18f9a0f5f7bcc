#!/usr/bin/env node
// Builds Sotto's whisper.cpp Node-API addon (native/whisper) with cmake-js, cached outside the clone.
//
//   node scripts/build/build-native.mjs            build (or reuse) and install into native/build/Release/
//   node scripts/build/build-native.mjs --release  portable build: CPU variants + backend DL on x86, Metal on Apple Silicon
//                                            (also: SOTTO_WHISPER_RELEASE=1)
//   node scripts/build/build-native.mjs --cli      also build whisper.cpp's whisper-cli (same tree, same flags); prints its path
//   node scripts/build/build-native.mjs --force    rebuild even when the cache has this configuration
//   --no-install                              leave native/build/Release alone (the result's cacheDir/out holds the build)
//   --json                                    print one JSON line {hash, cacheDir, installedDir, built, cli?} last
//   --key                                     print {hash, config} (the cache keys) and build nothing
//   SOTTO_WHISPER_CPU_VARIANTS=0              release layout with one CPU library (quick check of the loading path)
//   SOTTO_WHISPER_TOOLSET=ClangCL             a CMake toolset (Windows release builds use clang-cl: MSVC drops CPU variants)
//   SOTTO_WHISPER_VULKAN=1                    with --release on x86: also ggml's Vulkan backend, a module loaded at run
//                                            time (needs the Vulkan headers and glslc: libvulkan-dev, glslc on Debian)
//
// Cache key, by content only (a second clone of the same sources reuses the build): the whisper.cpp package's lock
// integrity and versions, the carried patches, the binding sources, these build scripts, the flags, platform/arch and
// node-addon-api's version. Cache location: ${SOTTO_NATIVE_CACHE:-~/.cache/sotto-native}/<hash>/out (the finished
// build), src-<key>/ (the patched whisper.cpp copy) and build-<config>/ (cmake's work dir, per clone and flags: a
// binding edit recompiles one file). `out/manifest.json` is written last, so a half-finished build is never taken for
// a complete one.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, readManifest, touchAndPrune, withLock } from './native-cache.mjs';
import { pinnedWhisperDir, preparedWhisperSource, sourceIdentity, whisperVersions } from './native-source.mjs';

export { cacheRoot } from './native-cache.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bindingDir = path.join(repoRoot, 'native', 'whisper');
const installDir = path.join(repoRoot, 'native', 'build', 'Release');
const ADDON_FILE = 'sotto_whisper.node';
const BUILD_SCRIPTS = ['build-native.mjs', 'native-source.mjs', 'native-cache.mjs', 'apply-patch.mjs'].map((f) => path.join(repoRoot, 'scripts', 'build', f));

/** The pinned whisper.cpp tree (before patches). */
export function whisperSourceDir() {
  return pinnedWhisperDir(repoRoot);
}

function listBindingSources() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(cc|cpp|h|hpp|txt|json)$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(bindingDir, 'src'));
  files.push(path.join(bindingDir, 'CMakeLists.txt'), path.join(bindingDir, 'package.json'));
  return files.sort();
}

export function buildFlags(release) {
  // SOTTO_WHISPER_CPU_VARIANTS=0: release layout with a single CPU library, to check the loading path quickly.
  const cpuAllVariants = process.env.SOTTO_WHISPER_CPU_VARIANTS !== '0';
  // The Vulkan module exists only in the release layout (backends loaded at run time, so a machine without a Vulkan
  // driver still starts on the CPU); a dev build ignores the variable rather than building something else.
  const vulkan = release && process.env.SOTTO_WHISPER_VULKAN === '1';
  return { release, cpuAllVariants, vulkan, toolset: process.env.SOTTO_WHISPER_TOOLSET || null, napi: 8, cmakeBuildType: 'Release' };
}

/** Everything but the binding sources and this clone's path: flags, source identity, platform, node-addon-api. */
function configIdentity({ release }) {
  const napiPkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'node-addon-api', 'package.json'), 'utf8'));
  return { source: sourceIdentity(repoRoot), flags: buildFlags(release), platform: process.platform, arch: process.arch, nodeAddonApi: napiPkg.version };
}

/**
 * Key of the cmake work dir: the configuration plus this clone's binding folder (cmake records its source dir, so two
 * clones cannot share one), but not the binding sources, so editing the binding rebuilds incrementally.
 */
export function configKey({ release }) {
  return createHash('sha256').update(JSON.stringify({ ...configIdentity({ release }), bindingDir })).digest('hex').slice(0, 12);
}

/** Key of a finished build, by content only: the configuration, the binding sources and the build scripts. */
export function cacheKey({ release }) {
  const h = createHash('sha256');
  h.update(JSON.stringify(configIdentity({ release })));
  for (const f of listBindingSources()) {
    h.update(path.relative(bindingDir, f).split(path.sep).join('/'));
    h.update(fs.readFileSync(f));
  }
  // These scripts decide the flags and the patched source, so they are part of the key too.
  for (const f of BUILD_SCRIPTS) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function run(cmd, args, { cwd, quiet }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
    let tail = '';
    const keep = (d) => { tail = (tail + d.toString()).slice(-8000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${tail}`))));
  });
}

function findFiles(dir, pred, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'CMakeFiles') findFiles(p, pred, out);
    } else if (pred(e.name, p)) out.push(p);
  }
  return out;
}

const isSharedLib = (name) => /\.(so(\.\d+)*|dylib|dll)$/.test(name);

/** Where the GPU backend modules go inside the built folder (and the installed app's native folder). */
export const GPU_DIR = 'gpu';
const isGpuModule = (name) => /^(lib)?ggml-(vulkan|cuda|hip|sycl|opencl|musa)\b/.test(name);
const shippedPath = (lib) => (isGpuModule(path.basename(lib)) ? path.join(GPU_DIR, path.basename(lib)) : path.basename(lib));

/**
 * Which shared libraries to ship, each once: the SONAME name the loader asks for (libwhisper.so.1, copied through
 * its symlink) and plain files (libggml-cpu-haswell.so, dlls). Dev symlinks and fully versioned names are skipped.
 */
function shipLibrary(file) {
  const name = path.basename(file);
  const soname = /\.so\.\d+$/.test(name) || /\.\d+\.dylib$/.test(name);
  const fullyVersioned = /\.so\.\d+\.\d+\.\d+$/.test(name) || /\.\d+\.\d+\.\d+\.dylib$/.test(name);
  if (fullyVersioned) return false;
  return soname || !fs.lstatSync(file).isSymbolicLink();
}

async function buildIntoCache({ release, hashDir, buildDir, quiet, log }) {
  const outDir = path.join(hashDir, 'out');
  fs.rmSync(outDir, { recursive: true, force: true });
  const { tree } = await preparedWhisperSource(repoRoot, log);
  const flags = buildFlags(release);
  const cmakeJs = path.join(repoRoot, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
  const napiInclude = path.join(repoRoot, 'node_modules', 'node-addon-api');
  const args = [
    cmakeJs, 'build',
    '-d', bindingDir,
    '-O', buildDir,
    '-p', String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length)),
    `--CDSOTTO_WHISPER_SRC=${tree}`,
    `--CDSOTTO_NODE_ADDON_API_DIR=${napiInclude}`,
    `--CDSOTTO_RELEASE=${release ? 'ON' : 'OFF'}`,
    `--CDSOTTO_CPU_ALL_VARIANTS=${flags.cpuAllVariants ? 'ON' : 'OFF'}`,
    `--CDSOTTO_VULKAN=${flags.vulkan ? 'ON' : 'OFF'}`,
  ];
  if (flags.toolset) args.push('-t', flags.toolset);
  if (quiet) args.push('--log-level', 'error');
  log(`building the whisper addon (${release ? `release: portable CPU variants${flags.vulkan ? ' + Vulkan' : ''}` : 'dev: host CPU'}) in ${buildDir}`);
  const t0 = Date.now();
  await run(process.execPath, args, { cwd: repoRoot, quiet }).catch((e) => {
    if (!flags.vulkan || !/Vulkan|glslc/.test(e.message)) throw e;
    throw new Error(`${e.message}\nThe Vulkan backend needs the Vulkan headers and the glslc shader compiler: \`npm run setup\` installs them on Debian/Ubuntu (libvulkan-dev glslc spirv-headers); on Windows, the Vulkan SDK.`);
  });
  const addon = findFiles(buildDir, (n) => n === ADDON_FILE)[0];
  if (!addon) throw new Error(`the build finished but ${ADDON_FILE} is missing under ${buildDir}`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(addon, path.join(outDir, ADDON_FILE));
  // Shared builds: libwhisper, libggml*, and the per-CPU libggml-cpu-* variants go beside the addon (rpath $ORIGIN);
  // GPU modules into gpu/, which the addon loads only when asked (native/whisper/src/backends.h says why).
  fs.mkdirSync(path.join(outDir, GPU_DIR));
  for (const lib of findFiles(buildDir, isSharedLib).filter(shipLibrary)) fs.copyFileSync(lib, path.join(outDir, shippedPath(lib)));
  const seconds = (Date.now() - t0) / 1000;
  const files = fs.readdirSync(outDir, { recursive: true }).map((f) => String(f).split(path.sep).join('/')).filter((f) => f !== GPU_DIR).sort();
  const manifest = { hash: path.basename(hashDir), versions: whisperVersions(tree), patches: sourceIdentity(repoRoot).patches.map((p) => p.name), flags, platform: process.platform, arch: process.arch, files, buildSeconds: seconds, builtAt: new Date().toISOString() };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  log(`built in ${seconds.toFixed(1)} s`);
  return manifest;
}

/** Copy the cached output into native/build/Release unless it is already that exact build. */
function install(outDir, manifest, log) {
  const current = readManifest(installDir);
  // builtAt too: a forced rebuild keeps its hash but is a different binary.
  if (current?.hash === manifest.hash && current?.builtAt === manifest.builtAt && manifest.files.every((f) => fs.existsSync(path.join(installDir, f)))) {
    log(`native/build/Release already holds build ${manifest.hash}`);
    return false;
  }
  // Stage then rename, so a test that loads the addon meanwhile never sees a half-copied file.
  const staging = `${installDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, GPU_DIR), { recursive: true });
  for (const f of manifest.files) fs.copyFileSync(path.join(outDir, f), path.join(staging, f));
  fs.copyFileSync(path.join(outDir, 'manifest.json'), path.join(staging, 'manifest.json'));
  const old = `${installDir}.old-${process.pid}`;
  if (fs.existsSync(installDir)) fs.renameSync(installDir, old);
  fs.renameSync(staging, installDir);
  fs.rmSync(old, { recursive: true, force: true });
  log(`installed build ${manifest.hash} into native/build/Release`);
  return true;
}

/**
 * Build (or reuse) the addon and install it into native/build/Release.
 * @param {{release?: boolean, force?: boolean, quiet?: boolean, install?: boolean}} [opts]
 */
export async function buildNative(opts = {}) {
  const release = opts.release ?? process.env.SOTTO_WHISPER_RELEASE === '1';
  const log = opts.quiet ? () => {} : (m) => console.log(`[build:native] ${m}`);
  const hash = cacheKey({ release });
  const config = configKey({ release });
  const hashDir = path.join(cacheRoot(), hash);
  const buildDir = path.join(cacheRoot(), `build-${config}`);
  const outDir = path.join(hashDir, 'out');
  // Lock order: the build's hash (clones with the same sources share it), then the clone's cmake work dir.
  return withLock(`${hashDir}.lock`, async () => {
    let manifest = opts.force ? null : readManifest(outDir);
    let built = false;
    if (manifest && manifest.files.every((f) => fs.existsSync(path.join(outDir, f)))) {
      log(`cache hit ${hash} (${outDir})`);
    } else {
      manifest = await withLock(`${buildDir}.lock`, () => buildIntoCache({ release, hashDir, buildDir, quiet: opts.quiet, log }));
      built = true;
    }
    touchAndPrune([hashDir, buildDir], log);
    // install: false leaves native/build/Release alone (e.g. checking a release build next to the dev one).
    const installed = opts.install === false ? false : await withLock(path.join(repoRoot, 'native', 'build', '.install.lock'), async () => install(outDir, manifest, log));
    return { hash, config, release, cacheDir: hashDir, buildDir, installedDir: installDir, built, installed, buildSeconds: manifest.buildSeconds };
  });
}

/** Build whisper.cpp's whisper-cli from the same configured tree (same flags) into the cache; returns its path. */
export async function buildWhisperCli(opts = {}) {
  const result = await buildNative(opts);
  const log = opts.quiet ? () => {} : (m) => console.log(`[build:native] ${m}`);
  const cli = path.join(result.cacheDir, 'out', process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli');
  if (fs.existsSync(cli)) {
    log(`whisper-cli cached: ${cli}`);
    return { ...result, cli };
  }
  return withLock(`${result.cacheDir}.lock`, () => withLock(`${result.buildDir}.lock`, async () => {
    const buildDir = result.buildDir;
    // A build reused from another clone's cache: this clone's cmake work dir has not been configured yet.
    if (!fs.existsSync(path.join(buildDir, 'CMakeCache.txt'))) await buildIntoCache({ release: result.release, hashDir: result.cacheDir, buildDir, quiet: opts.quiet, log });
    log('building whisper-cli');
    await run('cmake', ['--build', buildDir, '--config', 'Release', '--target', 'whisper-cli', '-j', String(os.availableParallelism?.() ?? 2)], { cwd: repoRoot, quiet: opts.quiet });
    const built = findFiles(buildDir, (n) => n === 'whisper-cli' || n === 'whisper-cli.exe')[0];
    if (!built) throw new Error(`whisper-cli target built but no binary found under ${buildDir}`);
    fs.copyFileSync(built, cli);
    fs.chmodSync(cli, 0o755);
    return { ...result, cli };
  }));
}

async function main(argv) {
  const flags = new Set(argv);
  if (flags.has('--key')) {
    const release = flags.has('--release') || process.env.SOTTO_WHISPER_RELEASE === '1';
    console.log(JSON.stringify({ hash: cacheKey({ release }), config: configKey({ release }) }));
    return;
  }
  const opts = { release: flags.has('--release') ? true : undefined, force: flags.has('--force'), quiet: flags.has('--quiet'), install: !flags.has('--no-install') };
  const result = flags.has('--cli') ? await buildWhisperCli(opts) : await buildNative(opts);
  if (flags.has('--json')) console.log(JSON.stringify(result));
  else if (result.cli) console.log(result.cli);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`[build:native] failed: ${e.message}`);
    process.exit(1);
  });
}
