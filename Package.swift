// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "civicguard",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CivicGuard", targets: ["CivicGuard"]),
        .executable(name: "civicguard", targets: ["civicguard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "CivicGuard",
            dependencies: [
                "CPCRE2",
                "CLibYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "civicguard",
            dependencies: [
                "CivicGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A libFuzzer target for the YAML loader and the JSON Lines filter (`make fuzz`); built normally, it
        // replays the inputs named on its command line.
        .executableTarget(name: "civicguard-fuzz", dependencies: ["CivicGuard"]),
        .testTarget(
            name: "CivicGuardTests",
            dependencies: [
                "CivicGuard", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
