package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * One instruction line as the parser reads it, before it is typed: the keyword (lower case), the {@code --flags}, the
 * arguments as the keyword's line parser split them, whether they were a JSON array, the line as written (continuations
 * joined), its first and last line numbers (1-based), its heredocs, and for {@code ONBUILD} the trigger it carries.
 */
record Node(String keyword, List<String> flags, List<String> args, boolean json, String original, int startLine,
            int endLine, List<Heredoc> heredocs, Node trigger) {

    Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
    }

    Node at(int start, int end) {
        return new Node(keyword, flags, args, json, original, start, end, heredocs, trigger);
    }

    Node withHeredocs(List<Heredoc> docs) {
        return new Node(keyword, flags, args, json, original, startLine, endLine, docs, trigger);
    }

    /** The arguments with an ONBUILD trigger flattened in ({@code ONBUILD RUN x} has {@code [run, x]}). */
    List<String> flatArgs() {
        if (trigger == null) {
            return args;
        }
        var all = new java.util.ArrayList<String>();
        all.add(trigger.keyword());
        all.addAll(trigger.flatArgs());
        return all;
    }
}
