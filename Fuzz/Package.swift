// swift-tools-version: 6.0
// libFuzzer targets for AppLinksKB, kept out of the main package: they only build with
// `-sanitize=fuzzer`. Run them with `make fuzz` (Fuzz/run.sh) from the repository root.
import PackageDescription

let package = Package(
  name: "AppLinksKBFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "AppLinksKB", path: "..")],
  targets: [
    .target(name: "CFuzzer"),
    .executableTarget(
      name: "FuzzScanner",
      dependencies: [
        "CFuzzer",
        .product(name: "LogRules", package: "AppLinksKB"),
        .product(name: "RuleMatching", package: "AppLinksKB"),
        .product(name: "LogScanning", package: "AppLinksKB"),
        .product(name: "TestSupport", package: "AppLinksKB"),
        .product(name: "Catalogue", package: "AppLinksKB"),
        .product(name: "KnowledgeBase", package: "AppLinksKB"),
      ]
    ),
    .executableTarget(
      name: "FuzzRules",
      dependencies: [
        "CFuzzer",
        .product(name: "LogRules", package: "AppLinksKB"),
        .product(name: "RuleMatching", package: "AppLinksKB"),
        .product(name: "LogScanning", package: "AppLinksKB"),
        .product(name: "Catalogue", package: "AppLinksKB"),
        .product(name: "KnowledgeBase", package: "AppLinksKB"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
