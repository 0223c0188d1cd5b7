// swift-tools-version: 6.0
import PackageDescription

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
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "ProbeLint", dependencies: ["CYAML"]),
        .executableTarget(
            name: "kubectl-probelint",
            dependencies: [
                "ProbeLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ProbeLintTests", dependencies: ["ProbeLint"], exclude: ["Fixtures"]),
    ]
)
