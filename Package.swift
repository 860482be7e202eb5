// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "AppLinksKB",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "kb", targets: ["kb"]),
    .executable(name: "lookup", targets: ["lookup"]),
    .executable(name: "lookup-probe", targets: ["lookup-probe"]),
    .library(name: "KnowledgeBase", targets: ["KnowledgeBase"]),
    .library(name: "Catalogue", targets: ["Catalogue"]),
    .library(name: "LogRules", targets: ["LogRules"]),
    .library(name: "RuleMatching", targets: ["RuleMatching"]),
    .library(name: "LogScanning", targets: ["LogScanning"]),
    .library(name: "RuleVectors", targets: ["RuleVectors"]),
    // For the Fuzz package: the reference engine and the fixtures the tests share.
    .library(name: "TestSupport", targets: ["TestSupport"]),
    .library(name: "Reporting", targets: ["Reporting"]),
    .library(name: "LogInputs", targets: ["LogInputs"]),
    .library(name: "LinkProbe", targets: ["LinkProbe"]),
    .library(name: "LogLookup", targets: ["LogLookup"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // lookup probe: HTTP, the TLS chain as served, and its verification (see the README).
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // libarchive reads zip and tar archives and bzip2, xz and zstd streams, from callbacks.
    .systemLibrary(
      name: "CArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"])]
    ),
    // zlib inflates gzip streams itself, so that damage loses nothing decoded before it.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // Vectorscan finds the rules' literals in a block of lines at once (the scan's first pass).
    .systemLibrary(
      name: "CVectorscan",
      pkgConfig: "libhs",
      providers: [.apt(["libvectorscan-dev"])]
    ),
    // PCRE2 (with its JIT) confirms rules and reads fields on the bytes of the lines that pass.
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    .target(name: "KnowledgeBase", dependencies: ["CCmark"]),
    .target(name: "Catalogue", dependencies: ["KnowledgeBase"]),
    // The catalogue's problem files as sources: the registry and pinned-id checks of kb check,
    // and kb new-problem's template and edits.
    .target(name: "CatalogueSources", dependencies: ["KnowledgeBase"]),
    // The rule format: types, JSON, schema, the portable subset, fields, normalisation, and
    // the rules compiled from a catalogue.
    .target(name: "LogRules", dependencies: ["KnowledgeBase"]),
    // Matching one line: literal passes, PCRE2, layouts, extractors.
    .target(
      name: "RuleMatching", dependencies: ["LogRules", "KnowledgeBase", "CVectorscan", "CPCRE2"]),
    // Scanning streams: lines cut into blocks, explained on one core or several.
    .target(name: "LogScanning", dependencies: ["RuleMatching", "LogRules", "KnowledgeBase"]),
    // The conformance vectors every engine of the rules must pass.
    .target(
      name: "RuleVectors",
      dependencies: ["LogRules", "RuleMatching", "LogScanning", "KnowledgeBase", "Reporting"]),
    .target(
      name: "Reporting", dependencies: ["LogRules", "RuleMatching", "LogScanning", "KnowledgeBase"]),
    // Finding and reading inputs; the bytes go to a StreamSink, so it knows nothing of scanning.
    .target(name: "LogInputs", dependencies: ["CArchive", "CZlib"]),
    .target(
      name: "SiteBuilder",
      dependencies: [
        "KnowledgeBase", "LogRules", "RuleMatching", "RuleVectors", "Reporting", "CCmark",
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .executableTarget(
      name: "kb",
      dependencies: [
        "KnowledgeBase", "Catalogue", "CatalogueSources", "SiteBuilder",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Benchmark fixtures stay out of the product's modules.
    .target(
      name: "SyntheticCatalogue", dependencies: ["KnowledgeBase"],
      path: "Benchmarks/SyntheticCatalogue"),
    .executableTarget(
      name: "kb-bench",
      dependencies: [
        "Catalogue", "SiteBuilder", "SyntheticCatalogue",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/kb-bench"),
    // lookup probe: checks an application link from outside, over the network.
    .target(
      name: "LinkProbe",
      dependencies: [
        "KnowledgeBase", "LogRules", "Reporting",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // lookup's orchestration, tested in process; the executable only parses and wires.
    .target(
      name: "LogLookup",
      dependencies: [
        "KnowledgeBase", "Catalogue", "LogRules", "RuleMatching", "LogScanning", "Reporting",
        "LogInputs",
      ]),
    .executableTarget(
      name: "lookup",
      dependencies: [
        "LogLookup", "Reporting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `lookup probe` execs this executable, so that lookup links no HTTP or TLS library.
    .executableTarget(
      name: "lookup-probe",
      dependencies: [
        "Catalogue", "KnowledgeBase", "LogRules", "Reporting", "LinkProbe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "CCmark"]),
    .testTarget(
      name: "CatalogueTests",
      dependencies: ["Catalogue", "CatalogueSources", "KnowledgeBase", "LogRules"],
      exclude: ["pinned-ids.txt"]),
    // ICU as a reference engine and the fixtures the tests share: tests and fuzzing only.
    .target(
      name: "TestSupport",
      dependencies: [
        "LogRules", "RuleMatching", "LogScanning", "RuleVectors", "Catalogue", "KnowledgeBase",
      ],
      path: "Tests/TestSupport"),
    .testTarget(
      name: "LogRulesTests",
      dependencies: ["LogRules", "RuleMatching", "TestSupport", "Catalogue", "KnowledgeBase"]),
    .testTarget(
      name: "RuleMatchingTests",
      dependencies: [
        "RuleMatching", "LogRules", "LogScanning", "RuleVectors", "TestSupport", "Catalogue",
        "KnowledgeBase",
      ]),
    .testTarget(
      name: "LogScanningTests",
      dependencies: [
        "LogScanning", "RuleMatching", "RuleVectors", "LogRules", "TestSupport", "KnowledgeBase",
      ]),
    .testTarget(
      name: "RuleVectorsTests",
      dependencies: [
        "RuleVectors", "LogScanning", "RuleMatching", "LogRules", "TestSupport", "Catalogue",
        "KnowledgeBase", "Reporting",
      ]),
    .testTarget(
      name: "SyntheticCatalogueTests",
      dependencies: [
        "SyntheticCatalogue", "SiteBuilder", "Catalogue", "KnowledgeBase", "LogRules",
        "RuleMatching",
      ]),
    .testTarget(
      name: "ReportingTests",
      dependencies: [
        "Reporting", "LogRules", "RuleMatching", "LogScanning", "Catalogue", "KnowledgeBase",
      ]),
    .testTarget(
      name: "LogInputsTests",
      dependencies: [
        "LogInputs", "LogLookup", "LogRules", "RuleMatching", "LogScanning", "Catalogue",
        "CArchive",
      ]),
    .testTarget(
      name: "LinkProbeTests",
      dependencies: [
        "LinkProbe", "Catalogue", "KnowledgeBase", "LogRules",
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ]),
    .testTarget(
      name: "LogLookupTests", dependencies: ["LogLookup", "Reporting", "Catalogue", "LogRules"]),
    .testTarget(
      name: "SiteBuilderTests",
      dependencies: ["SiteBuilder", "Catalogue", "KnowledgeBase", "LogRules", "CCmark"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
