package io.altostratus.store.internal;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Several iterators of ids, each in ascending order, read as one ascending iterator without repeats: the walk of an
 * index over several keys (a filter with alternative values), taking from each only as far as the caller reads.
 */
final class OrderedMerge implements Iterator<String> {

    private record Head(String id, Iterator<String> rest) {
    }

    private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.id().compareTo(b.id()));
    private String last;

    private OrderedMerge(List<Iterator<String>> sources) {
        for (Iterator<String> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
    }

    static Iterator<String> of(List<Iterator<String>> sources) {
        if (sources.isEmpty()) {
            return Collections.emptyIterator();
        }
        return sources.size() == 1 ? sources.get(0) : new OrderedMerge(sources);
    }

    @Override
    public boolean hasNext() {
        while (!heads.isEmpty() && heads.peek().id().equals(last)) {
            advance(heads.poll());
        }
        return !heads.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Head head = heads.poll();
        last = head.id();
        advance(head);
        return last;
    }

    private void advance(Head head) {
        if (head.rest().hasNext()) {
            heads.add(new Head(head.rest().next(), head.rest()));
        }
    }
}
