package io.cul8er.edge;

/** Answers captured from HAProxy 2.6.12 (Debian 12) for backend be_web: b up, c down, d in maintenance, e drained. */
final class CapturedAnswers {
  private CapturedAnswers() {}

  static final String SHOW_STAT =
      """
      # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,
      be_web,b,0,0,0,1,,6,528,1182,,0,,0,0,0,0,UP,7,1,0,0,0,195,0,,1,3,1,,6,,2,0,,6,L7OK,200,1,0,6,0,0,0,0,,,,6,0,0,,,,,3,,,0,0,1,2,,,,Layer7 check passed,,2,2,3,,,,127.0.0.1:18081,,http,,,,,,,,0,6,0,,,0,0,0,0,4,6,0,0,0,0,1,7,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
      be_web,c,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,7,1,0,1,1,188,188,,1,3,2,,0,,2,0,,0,L4CON,,0,0,0,0,0,0,0,,,,0,0,0,,,,,-1,Connection refused,,0,0,0,0,,,,Layer4 connection problem,,2,2,0,,,,127.0.0.1:18099,,http,,,,,,,,0,0,0,,,0,0,0,0,0,0,0,0,0,0,1,7,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
      be_web,d,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT,7,1,0,1,1,183,183,,1,3,3,,0,,2,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,,127.0.0.1:18099,,http,,,,,,,,0,0,0,,,0,0,0,0,0,0,0,0,0,0,1,7,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
      be_web,e,0,0,0,1,,6,516,3000,,0,,0,0,0,0,DRAIN,7,1,0,0,0,3,0,,1,3,4,,6,,2,0,,6,L7OK,200,1,0,0,0,6,0,0,,,,6,0,0,,,,,3,,,0,0,3,4,,,,Layer7 check passed,,2,2,3,,,,127.0.0.1:18081,,http,,,,,,,,0,6,0,,,0,0,0,0,8,8,0,0,0,0,1,7,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
      """;

  static final String SHOW_SERVERS_STATE =
      """
      1
      # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
      3 be_web 1 b 127.0.0.1 2 0 7 7 196 15 3 3 6 0 0 0 - 18081 - 0 0 - - 0
      3 be_web 2 c 127.0.0.1 0 0 7 7 189 8 2 0 6 0 0 0 - 18099 - 0 0 - - 0
      3 be_web 3 d 127.0.0.1 0 1 7 7 184 8 2 0 14 0 0 0 - 18099 - 0 0 - - 0
      3 be_web 4 e 127.0.0.1 2 8 7 7 4 15 3 3 6 0 0 0 - 18081 - 0 0 - - 0
      """;
}
