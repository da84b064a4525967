# Build the one-folder app on Windows with PyInstaller (Linux and macOS: packaging/build.sh).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Fresh [-Ocr]] [-Dist DIR] [-Work DIR] [-NoArchive]
#
# Default: build with the Python that runs Nianbao here ($env:PYTHON, else .venv\Scripts\python.exe,
# else py -3), installing PyInstaller into it if it lacks it. -Fresh builds in a clean venv
# (build\venv-bundle) holding only `pip install .` (with -Ocr: `.[ocr]`). Result: DIST\nianbao\
# (default dist\) with nianbao-gui.exe (windowed, to double-click) and nianbao.exe (console),
# and DIST\nianbao-VERSION-windows-ARCH.zip unless -NoArchive.
param(
    [switch]$Fresh,
    [switch]$Ocr,
    [switch]$NoArchive,
    [string]$Dist = "dist",
    [string]$Work = "build\pyinstaller"
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$PyInstaller = "pyinstaller>=6.10"

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed ($LASTEXITCODE)" }
}

if ($Fresh) {
    $venv = "build\venv-bundle"
    if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
    if ($env:PYTHON) { Invoke-Checked $env:PYTHON @("-m", "venv", $venv) } else { Invoke-Checked "py" @("-3", "-m", "venv", $venv) }
    $py = "$venv\Scripts\python.exe"
    $target = if ($Ocr) { ".[ocr]" } else { "." }
    Invoke-Checked $py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
    Invoke-Checked $py @("-m", "pip", "install", "--quiet", $target, $PyInstaller)
} elseif ($env:PYTHON) {
    $py = $env:PYTHON
} elseif (Test-Path ".venv\Scripts\python.exe") {
    $py = ".venv\Scripts\python.exe"
} else {
    $py = (& py -3 -c "import sys; print(sys.executable)")
}
& $py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { Invoke-Checked $py @("-m", "pip", "install", "--quiet", $PyInstaller) }

$version = ([regex]::Match((Get-Content "app\__init__.py" -Raw -Encoding UTF8), '(?m)^__version__\s*=\s*"([^"]+)"')).Groups[1].Value
$watch = [Diagnostics.Stopwatch]::StartNew()
# Chinese file names (the sample reports) need UTF-8 in Python's file system encoding.
$env:PYTHONUTF8 = "1"
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", $Dist, "--workpath", $Work, "packaging\nianbao.spec")
$took = [int]$watch.Elapsed.TotalSeconds

$bundle = Join-Path $Dist "nianbao"
$files = Get-ChildItem -Recurse -File $bundle
$mb = [math]::Round(($files | Measure-Object -Sum Length).Sum / 1MB)
Write-Host "built $bundle in ${took}s: $mb MB ($($files.Count) files)"
if (-not $NoArchive) {
    $arch = $env:PROCESSOR_ARCHITECTURE.ToLower()
    $zip = Join-Path $Dist "nianbao-$version-windows-$arch.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $bundle -DestinationPath $zip -CompressionLevel Optimal
    Write-Host "archive ${zip}: $([math]::Round((Get-Item $zip).Length / 1MB)) MB"
}
Write-Host "start it: $bundle\nianbao-gui.exe   (command line: $bundle\nianbao.exe --help)"
