// Tests for time_weighted: areas and means worked out by hand from step functions.
#include "tumen/stats/time_weighted.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

namespace tumen::stats {
namespace {

TEST(TimeWeighted, OneTruckForHalfTheTime) {
  time_weighted queue;
  queue.add(10, +1);
  queue.add(40, -1);
  EXPECT_DOUBLE_EQ(queue.integral(60), 30.0);
  EXPECT_DOUBLE_EQ(queue.mean(60), 0.5);
  EXPECT_EQ(queue.level(), 0.0);
  EXPECT_EQ(queue.max(), 1.0);
  EXPECT_EQ(queue.min(), 0.0);
}

TEST(TimeWeighted, StartsAtAGivenTimeAndLevel) {
  // Level 2 on [100,110), 5 on [110,130), 1 on [130,140): area 20 + 100 + 10 = 130 over 40 s.
  time_weighted w(100, 2);
  w.set(110, 5);
  w.set(130, 1);
  EXPECT_EQ(w.start(), 100.0);
  EXPECT_DOUBLE_EQ(w.integral(140), 130.0);
  EXPECT_DOUBLE_EQ(w.mean(140), 3.25);
  EXPECT_EQ(w.max(), 5.0);
  EXPECT_EQ(w.min(), 1.0);
}

TEST(TimeWeighted, QueriesDoNotChangeTheState) {
  time_weighted w(0, 4);
  EXPECT_DOUBLE_EQ(w.mean(10), 4.0);
  EXPECT_DOUBLE_EQ(w.mean(10), 4.0);
  w.set(20, 0);
  EXPECT_DOUBLE_EQ(w.mean(40), 2.0);  // 4 for 20 s of 40
}

TEST(TimeWeighted, ZeroLengthPeriodReportsTheCurrentLevel) {
  const time_weighted w(5, 7);
  EXPECT_EQ(w.mean(5), 7.0);
  EXPECT_EQ(w.integral(5), 0.0);
}

TEST(TimeWeighted, ZeroDurationLevelsCountForExtremesNotArea) {
  time_weighted w;
  w.set(10, 3);
  w.set(10, 0);
  EXPECT_EQ(w.max(), 3.0);
  EXPECT_DOUBLE_EQ(w.integral(20), 0.0);
}

TEST(TimeWeighted, ResetForgetsHistoryButKeepsTheLevel) {
  time_weighted w(0, 3);
  w.set(10, 1);
  w.set(15, 9);
  w.set(18, 1);
  w.reset(20);
  EXPECT_EQ(w.start(), 20.0);
  EXPECT_EQ(w.level(), 1.0);
  EXPECT_EQ(w.min(), 1.0);
  EXPECT_EQ(w.max(), 1.0);  // the 9 before the reset is forgotten
  w.set(30, 5);
  // Level 1 on [20,30), 5 on [30,40): area 60 over 20 s.
  EXPECT_DOUBLE_EQ(w.integral(40), 60.0);
  EXPECT_DOUBLE_EQ(w.mean(40), 3.0);
  EXPECT_EQ(w.max(), 5.0);
}

TEST(TimeWeighted, RejectsTimeGoingBack) {
  time_weighted w;
  w.set(10, 1);
  EXPECT_THROW(w.set(9, 2), std::invalid_argument);
  EXPECT_THROW(w.add(9.999, 1), std::invalid_argument);
  EXPECT_THROW((void)w.mean(5), std::invalid_argument);
  EXPECT_THROW((void)w.integral(5), std::invalid_argument);
  EXPECT_THROW(w.reset(5), std::invalid_argument);
  EXPECT_THROW(w.set(std::numeric_limits<double>::quiet_NaN(), 1), std::invalid_argument);
  EXPECT_EQ(w.level(), 1.0);  // failed updates change nothing
  EXPECT_DOUBLE_EQ(w.integral(20), 10.0);
}

}  // namespace
}  // namespace tumen::stats
