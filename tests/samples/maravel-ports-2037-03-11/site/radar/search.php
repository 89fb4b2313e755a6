<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
 <channel>
  <title>Radar Maravel – search: port OR ports OR shipping</title>
  <link>{base}/radar/</link>
  <description>Radar Maravel news search results, newest first</description>
  <item>
   <title>Porto Novo deep-water terminal approved - Meridian Wire Service</title>
   <link>{base}/mws/stories/2037/03/11/maravel-approves-porto-novo-deepwater-terminal.html</link>
   <guid isPermaLink="false">radar-88121</guid>
   <description>Source: mws. Relevance 0.92</description>
   <pubDate>Wed, 11 Mar 2037 11:31:00 GMT</pubDate>
  </item>
  <item>
   <title>Crane collapse at Quai Vauban halts all 14 berths - The Coastal Herald</title>
   <link>{base}/herald/news/2037/03/11/quai-vauban-crane-collapse.html</link>
   <guid isPermaLink="false">radar-88119</guid>
   <description>Source: coastal herald. Relevance 0.95</description>
   <pubDate>Wed, 11 Mar 2037 09:06:00 GMT</pubDate>
  </item>
  <item>
   <title>CML rachète NCM - AFM</title>
   <link>{base}/afm/depeches/2037/03/11/cml-rachete-ncm.html</link>
   <guid isPermaLink="false">radar-88104</guid>
   <description>Source: afm. Relevance 0.81</description>
   <pubDate>Wed, 11 Mar 2037 07:57:00 GMT</pubDate>
  </item>
  <item>
   <title>No garden? Grow your herbs in containers - The Coastal Herald</title>
   <link>{base}/herald/life/2037/03/11/balcony-container-garden.html</link>
   <guid isPermaLink="false">radar-88101</guid>
   <description>Source: coastal herald. Relevance 0.44</description>
   <pubDate>Wed, 11 Mar 2037 06:31:00 GMT</pubDate>
  </item>
  <item>
   <title>Estivadores anunciam greve - LNA</title>
   <link>{base}/lna/noticias/2037/03/10/estivadores-greve-porto-novo.html</link>
   <guid isPermaLink="false">radar-88077</guid>
   <description>Source: lna. Relevance 0.88</description>
   <pubDate>Tue, 10 Mar 2037 16:42:00 GMT</pubDate>
  </item>
  <item>
   <title>Maravel's ports handled a record 4.1 million TEU in 2036 - The Coastal Herald</title>
   <link>{base}/herald/business/2037/03/03/maravel-ports-record-year-2036.html</link>
   <guid isPermaLink="false">radar-87990</guid>
   <description>Source: coastal herald. Relevance 0.71</description>
   <pubDate>Tue, 10 Mar 2037 09:00:00 GMT</pubDate>
  </item>
 </channel>
</rss>
