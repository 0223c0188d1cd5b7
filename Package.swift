// swift-tools-version: 6.0
import PackageDescription

/// `PROBELINT_STATIC_LIBYAML=1` (scripts/build-static) links libyaml.a into the
/// executable instead of libyaml.so, so release binaries need no libyaml
/// (ECOSYSTEM.md 5(a): no pkg-config and no module-map `link` for that build).
/// That script puts scripts/libyaml/build-archive's libyaml.a first on the
/// search path (`-Xlinker -L`): the system's, with libyaml's own allocations on
/// scripts/libyaml/allocator.c.
let staticLibYAML = Context.environment["PROBELINT_STATIC_LIBYAML"] == "1"

let package = Package(
    name: "probelint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubectl-probelint", targets: ["kubectl-probelint"]),
        .library(name: "ProbeLint", targets: ["ProbeLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: staticLibYAML ? nil : "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "ProbeLint", dependencies: ["CYAML"]),
        .executableTarget(
            name: "kubectl-probelint",
            dependencies: [
                "ProbeLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticLibYAML ? [.linkedLibrary(":libyaml.a")] : []
        ),
        .testTarget(name: "ProbeLintTests", dependencies: ["ProbeLint"], exclude: ["Corpus/golden", "Fixtures"]),
    ]
)
