// Tests for histogram: where values land (edges, out of range, NaN), and merging.
#include "tumen/stats/histogram.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace tumen::stats {
namespace {

std::vector<std::uint64_t> counts(const histogram& h) {
  return {h.bins().begin(), h.bins().end()};
}

TEST(Histogram, PlacesValuesInBinsAndOutOfRange) {
  histogram h(0, 10, 5);  // bins [0,2) [2,4) [4,6) [6,8) [8,10)
  for (double x : {-1.0, 0.0, 1.99, 2.0, 9.999, 10.0, 25.0}) h.add(x);
  h.add(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(counts(h), (std::vector<std::uint64_t>{2, 1, 0, 0, 1}));
  EXPECT_EQ(h.underflow(), 1u);
  EXPECT_EQ(h.overflow(), 2u);
  EXPECT_EQ(h.nan_count(), 1u);
  EXPECT_EQ(h.total(), 8u);
}

TEST(Histogram, InfinitiesAreOutOfRange) {
  histogram h(0, 1, 4);
  h.add(-std::numeric_limits<double>::infinity());
  h.add(std::numeric_limits<double>::infinity());
  EXPECT_EQ(h.underflow(), 1u);
  EXPECT_EQ(h.overflow(), 1u);
}

TEST(Histogram, EdgesRunFromLowToHigh) {
  const histogram h(0, 4 * 3600.0, 48);  // five-minute bins over four hours
  const std::vector<double> edges = h.bin_edges();
  ASSERT_EQ(edges.size(), 49u);
  EXPECT_EQ(edges.front(), 0.0);
  EXPECT_DOUBLE_EQ(edges[1], 300.0);
  EXPECT_DOUBLE_EQ(edges[7], 2100.0);
  EXPECT_EQ(edges.back(), 4 * 3600.0);
}

TEST(Histogram, ValuesOnEdgesGoToTheBinThatStartsThere) {
  // An awkward range, so that the edges are not exact binary fractions.
  histogram h(-3.7, 12.1, 7);
  const std::vector<double> edges = h.bin_edges();
  for (std::size_t i = 0; i < 7; ++i) {
    histogram on(-3.7, 12.1, 7);
    on.add(edges[i]);
    EXPECT_EQ(on.bins()[i], 1u) << "edge " << i << " = " << edges[i];
    if (i > 0) {
      histogram below(-3.7, 12.1, 7);
      below.add(std::nextafter(edges[i], -std::numeric_limits<double>::infinity()));
      EXPECT_EQ(below.bins()[i - 1], 1u) << "just below edge " << i;
    }
  }
}

TEST(Histogram, MergeAddsCounts) {
  histogram a(0, 10, 2);
  histogram b(0, 10, 2);
  a.add(1);
  a.add(-5);
  b.add(1);
  b.add(7);
  b.add(11);
  a.merge(b);
  EXPECT_EQ(counts(a), (std::vector<std::uint64_t>{2, 1}));
  EXPECT_EQ(a.underflow(), 1u);
  EXPECT_EQ(a.overflow(), 1u);
  EXPECT_EQ(a.total(), 5u);
}

TEST(Histogram, RejectsBadShapes) {
  EXPECT_THROW(histogram(1, 1, 3), std::invalid_argument);
  EXPECT_THROW(histogram(2, 1, 3), std::invalid_argument);
  EXPECT_THROW(histogram(0, 1, 0), std::invalid_argument);
  EXPECT_THROW(histogram(0, std::numeric_limits<double>::infinity(), 3), std::invalid_argument);
  histogram a(0, 10, 2);
  EXPECT_THROW(a.merge(histogram(0, 10, 3)), std::invalid_argument);
  EXPECT_THROW(a.merge(histogram(0, 20, 2)), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::stats
