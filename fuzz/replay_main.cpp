// Runs one fuzz harness over files instead of under libFuzzer: every regular file in the
// directories (or the files) named on the command line, in name order. This is how the
// checked-in corpora become a deterministic regression test with any compiler (the ctest
// fuzz-corpus). A harness stops the process when an invariant breaks, so each input runs in
// a child process: one failing input does not hide the others, and each is named.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_in(const fs::path& where) {
    std::vector<fs::path> found;
    if (fs::is_regular_file(where)) {
        found.push_back(where);
    } else if (fs::is_directory(where)) {
        for (const auto& entry : fs::directory_iterator(where))
            if (entry.is_regular_file()) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<std::uint8_t> read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// True when the harness went through the input without stopping.
bool passes(const fs::path& file) {
    auto bytes = read_all(file);
    std::fflush(nullptr); // the child must not print the parent's buffered output again
    pid_t child = fork();
    if (child < 0) {
        std::perror("replay: fork");
        return false;
    }
    if (child == 0) {
        // libFuzzer never passes a null pointer, even for an empty input.
        static const std::uint8_t empty = 0;
        LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
        std::fflush(nullptr);
        _exit(0);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child) return false;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    if (WIFSIGNALED(status))
        std::fprintf(stderr, "replay: FAILED %s (signal %d)\n", file.c_str(), WTERMSIG(status));
    else
        std::fprintf(stderr, "replay: FAILED %s (exit %d)\n", file.c_str(), WEXITSTATUS(status));
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus directory or file>...\n", argv[0]);
        return 2;
    }
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        auto inputs = inputs_in(argv[i]);
        // An empty or mistyped corpus path would otherwise pass without testing anything.
        if (inputs.empty()) {
            std::fprintf(stderr, "replay: no inputs in %s\n", argv[i]);
            return 1;
        }
        int failed_here = 0;
        for (const auto& file : inputs)
            if (!passes(file)) ++failed_here;
        std::printf("replay: %zu inputs from %s, %d failed\n", inputs.size(), argv[i], failed_here);
        failed += failed_here;
    }
    return failed == 0 ? 0 : 1;
}
