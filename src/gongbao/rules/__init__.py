"""Executable provisions (issue #6): rules that compute answers and cite the node ids they implement.

- ``aqi``: HJ 633-2012 IAQI/AQI and the rolling 24-hour AQI;
- ``pollution``: the heavy-pollution warning engine of a 重污染天气应急预案 (levels, lifecycle,
  measures, staleness against the store); ``plot`` and ``report`` render its result;
- ``calendar`` and ``deadline``: working days on the official calendar and statutory deadlines;
- ``obligations``: the time limits provisions set (N日内, 提前N小时, 每N个月不得少于一次).
"""
