// swift-tools-version: 6.0
// A libFuzzer target over the reader, the model, the rules and the reporters.
// Kept out of the main package so `swift build` and `swift test` never build it;
// scripts/fuzz builds it with -sanitize=fuzzer,address (docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "probelint-fuzz",
    dependencies: [.package(name: "probelint", path: "..")],
    targets: [
        .executableTarget(
            name: "probelint-fuzz",
            dependencies: [.product(name: "ProbeLint", package: "probelint")]
        ),
    ]
)
